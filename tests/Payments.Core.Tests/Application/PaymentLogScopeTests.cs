using Microsoft.Extensions.Logging;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Tests.Application;

/// <summary>Every handler's log lines carry the payment id and order number as structured scope values, and nothing secret.</summary>
public sealed class PaymentLogScopeTests : IDisposable
{
    private const string CardNumber = "4111111111111111";
    private const string Cvc = "737";

    private readonly Harness _h = new();
    private readonly RecordingLoggerFactory _logs = new();
    private readonly ResultApplier _applier;
    private readonly CreatePaymentHandler _create;
    private readonly ConfirmPaymentHandler _confirm;
    private readonly NoticeHandler _notices;
    private readonly BrowserReturnHandler _returns;
    private readonly ReconcileHandler _reconcile;
    private readonly ReviewHandler _review;

    public PaymentLogScopeTests()
    {
        var verifier = new MessageVerifier(_h.Secrets);
        _applier = new ResultApplier(_h.Store, _h.Writer, _h.Refunds, _h.Telemetry, _h.Clock, _logs.Logger<ResultApplier>());
        _create = new CreatePaymentHandler(_h.Store, _h.Idempotency, _h.Writer, _h.Settings, _h.Telemetry, _h.Clock, _logs.Logger<CreatePaymentHandler>());
        _confirm = new ConfirmPaymentHandler(_h.Writer, _h.Gateway, _h.Secrets, verifier, _applier, _h.Policy, _h.Settings, _h.Clock, _logs.Logger<ConfirmPaymentHandler>());
        _notices = new NoticeHandler(verifier, _applier, _h.Store, _h.Writer, _h.RefundChecks, _h.Telemetry, _h.Clock, _logs.Logger<NoticeHandler>());
        _reconcile = new ReconcileHandler(_h.Writer, _h.Chain, _applier, _h.RefundChecks, _h.Policy, _h.Telemetry, _h.Clock, _logs.Logger<ReconcileHandler>());
        _returns = new BrowserReturnHandler(verifier, _applier, _reconcile, _h.Writer, _h.Store, _h.Clock, _logs.Logger<BrowserReturnHandler>());
        _review = new ReviewHandler(_h.Writer, _h.Telemetry, _logs.Logger<ReviewHandler>());
    }

    public void Dispose() => _h.Dispose();

    private static void AssertScoped(IEnumerable<LogEntry> entries, string orderNumber = "ORD1")
    {
        var list = entries.ToList();
        Assert.NotEmpty(list);
        Assert.All(list, e =>
        {
            Assert.Equal(PaymentIds.ForOrder(orderNumber), e.ScopeValue(PaymentLogScope.PaymentIdKey));
            Assert.Equal(orderNumber, e.ScopeValue(PaymentLogScope.OrderNumberKey));
        });
    }

    private async Task<StoredPayment> CreatedAsync()
    {
        var created = await _create.HandleAsync(Harness.Command(), null, default);
        Assert.Equal(CreatePaymentStatus.Created, created.Status);
        return (await _h.Store.FindAsync("ORD1", default))!;
    }

    private async Task SentForThreeDSecureAsync()
    {
        var stored = await CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "-1", string.Empty, payUrl: "https://gw.example/3ds")));
        await _confirm.HandleAsync(stored, new CardInstrument(CardNumber, "12", "2030", Cvc), default);
    }

    private async Task SentWithUnknownOutcomeAsync()
    {
        var stored = await CreatedAsync();
        _h.Gateway.OnPay = _ => GatewayCall.Failed("timed out");
        await _confirm.HandleAsync(stored, new CardInstrument(CardNumber, "12", "2030", Cvc), default);
    }

    [Fact]
    public async Task Create_LogsInsideThePaymentScope()
    {
        await CreatedAsync();

        AssertScoped(_logs.From<CreatePaymentHandler>());
    }

    [Fact]
    public async Task Confirm_UnknownOutcome_LogsInsideThePaymentScope()
    {
        await SentWithUnknownOutcomeAsync();

        AssertScoped(_logs.From<ConfirmPaymentHandler>());
    }

    [Fact]
    public async Task ResultApplier_Transition_LogsInsideThePaymentScope()
    {
        await SentForThreeDSecureAsync();

        AssertScoped(_logs.From<ResultApplier>());
    }

    [Fact]
    public async Task Notice_Forged_LogsInsideThePaymentScope()
    {
        await SentForThreeDSecureAsync();
        var fields = GatewayMessages.Result("ORD1", "1", "80000:Approved");

        await _notices.HandleAsync(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields, "wrong-secret")), default);

        AssertScoped(_logs.From<NoticeHandler>());
    }

    [Fact]
    public async Task Notice_MalformedOrderNumber_IsNotPutInTheScope()
    {
        var fields = GatewayMessages.Result("<script>alert(1)</script>", "1", "80000:Approved");

        await _notices.HandleAsync(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields, "wrong-secret")), default);

        var entry = Assert.Single(_logs.From<NoticeHandler>());
        Assert.Null(entry.ScopeValue(PaymentLogScope.OrderNumberKey));
        Assert.Null(entry.ScopeValue(PaymentLogScope.PaymentIdKey));
    }

    [Fact]
    public async Task Return_Tampered_LogsInsideThePaymentScope()
    {
        await SentForThreeDSecureAsync();
        var fields = GatewayMessages.Result("ORD1", "1", "80000:Approved");
        var signature = GatewayMessages.Sign(fields);
        fields["order_amount"] = "1.00";

        await _returns.HandleAsync(GatewayMessages.Form(fields, signature), default);

        AssertScoped(_logs.From<BrowserReturnHandler>());
    }

    [Fact]
    public async Task Reconcile_GiveUp_LogsInsideThePaymentScopeWithTheAttempt()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Clock.Advance(_h.Policy.Horizon);

        await _reconcile.HandleAsync(new ReconcileRequest("ORD1", 3, "test"), default);

        var entries = _logs.From<ReconcileHandler>().ToList();
        AssertScoped(entries);
        Assert.All(entries, e => Assert.Equal("3", e.ScopeValue("Attempt")));
    }

    [Fact]
    public async Task Review_LogsInsideThePaymentScope()
    {
        await SentWithUnknownOutcomeAsync();

        await _review.MarkForReviewAsync("ORD1", "poison", default);

        AssertScoped(_logs.From<ReviewHandler>());
    }

    [Fact]
    public async Task WholeFlow_LogsAndScopesHoldNoCardDataSecureCodeOrSignature()
    {
        await SentForThreeDSecureAsync();
        var fields = GatewayMessages.Result("ORD1", "1", "80000:Approved");
        var signature = GatewayMessages.Sign(fields);
        await _notices.HandleAsync(GatewayMessages.Xml(fields, signature), default);
        await _returns.HandleAsync(GatewayMessages.Form(fields, signature), default);

        Assert.NotEmpty(_logs.Entries);
        foreach (var entry in _logs.Entries)
        {
            var text = entry.Message + " " + string.Join(" ", entry.RawScopes) + " " + string.Join(" ", entry.Scope.Values);
            Assert.DoesNotContain(CardNumber, text, StringComparison.Ordinal);
            Assert.DoesNotContain(GatewayMessages.SecureCode, text, StringComparison.Ordinal);
            Assert.DoesNotContain(signature, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Information && e.ScopeValue(PaymentLogScope.PaymentIdKey) == "pay_ORD1");
    }
}
