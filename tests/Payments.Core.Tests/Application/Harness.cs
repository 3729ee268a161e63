using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Tests.Application;

/// <summary>Every handler wired to in-memory fakes, as the composition root wires the real adapters.</summary>
internal sealed class Harness : IDisposable
{
    public Harness()
    {
        Secrets = new InMemorySecureCodeSource([
            new(new TerminalKey("995149", "99514901"), GatewayMessages.SecureCode),
            new(new TerminalKey("995149", "99514903"), GatewayMessages.SecureCode),
        ]);
        Settings = new PaymentsSettings
        {
            PublicBaseUrl = new Uri("https://pay.example.com/"),
            Routing = DemoRouting.Instance,
            AllowedReturnOrigins = ["https://shop.example.com"],
        };
        var verifier = new MessageVerifier(Secrets);
        Writer = new PaymentWriter(Store, Store, new global::Payments.Core.Events.PaymentChanges(Settings, Clock), Scheduler, Policy, Clock);
        Refunds = new RefundHandler(Writer, Gateway, Secrets, Policy, Telemetry, NullLogger<RefundHandler>.Instance);
        Applier = new ResultApplier(Store, Writer, Refunds, Telemetry, Clock, NullLogger<ResultApplier>.Instance);
        Create = new CreatePaymentHandler(Store, Idempotency, Writer, Settings, Telemetry, Clock, NullLogger<CreatePaymentHandler>.Instance);
        Confirm = new ConfirmPaymentHandler(Writer, Gateway, Secrets, verifier, Applier, Policy, Settings, Clock, NullLogger<ConfirmPaymentHandler>.Instance);
        Chain = new CheckChain(Writer, Gateway, Secrets, Telemetry, NullLogger<CheckChain>.Instance);
        RefundChecks = new RefundReconciler(Writer, Chain, Policy, Telemetry, Clock, NullLogger<RefundReconciler>.Instance);
        Notices = new NoticeHandler(verifier, Applier, Store, Writer, RefundChecks, Telemetry, Clock, NullLogger<NoticeHandler>.Instance);
        Reconcile = new ReconcileHandler(Writer, Chain, Applier, RefundChecks, Policy, Telemetry, Clock, NullLogger<ReconcileHandler>.Instance);
        Authorisations = new AuthorisationHandler(Writer, Gateway, Secrets, verifier, Applier, Policy, Clock, NullLogger<AuthorisationHandler>.Instance);
        Returns = new BrowserReturnHandler(verifier, Applier, Reconcile, Writer, Store, Clock, NullLogger<BrowserReturnHandler>.Instance);
        Sweep = new ReconcileSweepHandler(Store, Reconcile, Policy, Clock, NullLogger<ReconcileSweepHandler>.Instance);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public InMemoryPaymentStore Store { get; } = new();

    public InMemoryIdempotencyStore Idempotency { get; } = new();

    /// <summary>The write path over <see cref="Store"/>, stamping events as the app does.</summary>
    public PaymentWriter Writer { get; }

    /// <summary>The check chain shared by payment and refund checks, over <see cref="Gateway"/>.</summary>
    public CheckChain Chain { get; }

    public RecordingScheduler Scheduler { get; } = new();

    public ScriptedGateway Gateway { get; } = new();

    public ReconcilePolicy Policy { get; } = new() { Jitter = 0 };

    public PaymentsTelemetry Telemetry { get; } = new();

    public InMemorySecureCodeSource Secrets { get; }

    public PaymentsSettings Settings { get; }

    public ResultApplier Applier { get; }

    public CreatePaymentHandler Create { get; }

    public ConfirmPaymentHandler Confirm { get; }

    public RefundHandler Refunds { get; }

    public RefundReconciler RefundChecks { get; }

    public AuthorisationHandler Authorisations { get; }

    public NoticeHandler Notices { get; }

    public BrowserReturnHandler Returns { get; }

    public ReconcileHandler Reconcile { get; }

    public ReconcileSweepHandler Sweep { get; }

    public static CreatePaymentCommand Command(PaymentMethod method = PaymentMethod.Card, string? orderNumber = "ORD1", long amount = 10000, string hash = "h1") => new()
    {
        Amount = new Money(amount, Currency.Parse("USD")),
        Method = method,
        Billing = new BillingDetails { FirstName = "Ann", LastName = "Lee", Email = "ann@example.com", Country = "US", State = "CA" },
        ReturnUrl = "https://shop.example.com/orders/1",
        OrderNumber = orderNumber,
        RequestHash = hash,
    };

    public async Task<StoredPayment> CreatedAsync(PaymentMethod method = PaymentMethod.Card, string orderNumber = "ORD1")
    {
        var created = await Create.HandleAsync(Command(method, orderNumber), null, default);
        Assert.Equal(CreatePaymentStatus.Created, created.Status);
        return (await Store.FindAsync(orderNumber, default))!;
    }

    public void Dispose() => Telemetry.Dispose();
}
