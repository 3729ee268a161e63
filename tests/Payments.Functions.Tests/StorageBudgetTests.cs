using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Functions.Tests;

/// <summary>
/// The storage round-trip budget of each operation (docs/storage-budget.md), counted on Azurite with
/// a pipeline policy in the app's own table and queue clients. The handlers come from the running
/// app's composition root and are called as the functions call them. A change that adds a request
/// fails here with the list of requests; update <see cref="Budget"/> and the document together.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StorageBudgetTests(AppFixture app)
{
    /// <summary>Storage requests per operation (every HTTP attempt to Table or Queue storage).</summary>
    private static readonly Dictionary<string, int> Budget = new()
    {
        ["create"] = 2,
        ["create with Idempotency-Key"] = 3,
        ["confirm"] = 8,
        ["new notice"] = 3,
        ["duplicate notice"] = 2,
        ["browser return"] = 5,
        ["reconcile batch of 100"] = 400,
        ["refund"] = 7,
        ["feed append"] = 2,
        ["feed append repeated"] = 2,
        ["feed page"] = 8,
        ["feed page without cursor"] = 16,
        ["change end to end"] = 14,
    };

    private const string SecureCode = "12345678";

    [Fact]
    public async Task Create_StaysWithinBudget()
    {
        var handler = Resolve<CreatePaymentHandler>();
        // The store creates its table on its first request of the process; that is not the operation's cost.
        await handler.HandleAsync(Command(), null, default);

        var plain = await MeasureAsync(() => handler.HandleAsync(Command(), null, default));
        var idempotent = await MeasureAsync(() => handler.HandleAsync(Command(), "key-" + Guid.NewGuid().ToString("N"), default));

        AssertBudget("create", plain);
        AssertBudget("create with Idempotency-Key", idempotent);
    }

    [Fact]
    public async Task Confirm_StaysWithinBudget()
    {
        var (_, order, _) = await app.CreateAsync("card");
        await app.SetScenarioAsync(order, "no-notice");
        var store = Resolve<IPaymentStore>();
        var handler = Resolve<ConfirmPaymentHandler>();

        // The function reads the payment to check the client secret, then confirms it.
        var requests = await MeasureAsync(async () =>
        {
            var stored = await store.FindAsync(order, default);
            var result = await handler.HandleAsync(stored!, new CardInstrument("4111111111111111", "12", "2030", "123"), default);
            Assert.Equal(PaymentStatus.Succeeded, result.Payment.Status);
        });

        AssertBudget("confirm", requests);
    }

    [Fact]
    public async Task Notice_NewAndDuplicate_StayWithinBudget()
    {
        var order = await PendingQrOrderAsync();
        var body = await Notices.Signed(await EchoingSuccessAsync(order), SecureCode).ReadAsByteArrayAsync();
        var handler = Resolve<NoticeHandler>();

        var first = await MeasureAsync(() => handler.HandleAsync(body, default));
        var again = await MeasureAsync(() => handler.HandleAsync(body, default));

        Assert.Equal(PaymentStatus.Succeeded, (await Resolve<IPaymentStore>().FindAsync(order, default))!.Data.Status);
        AssertBudget("new notice", first);
        AssertBudget("duplicate notice", again);
    }

    [Fact]
    public async Task BrowserReturn_StaysWithinBudget()
    {
        var order = await PendingQrOrderAsync();
        var form = Notices.SignedForm(await EchoingSuccessAsync(order), SecureCode);
        var handler = Resolve<BrowserReturnHandler>();

        var requests = await MeasureAsync(() => handler.HandleAsync(form, default));

        // A return that claims success settles only through a notice or a live query; the sandbox
        // still has this QR payment waiting, so the query leaves it pending.
        Assert.Equal(PaymentStatus.Pending, (await Resolve<IPaymentStore>().FindAsync(order, default))!.Data.Status);
        AssertBudget("browser return", requests);
    }

    [Fact]
    public async Task ReconcileBatchOfOneHundred_StaysWithinBudget()
    {
        // 100 open payments the gateway has never heard of, sent long enough ago to be failed.
        var writer = Resolve<PaymentWriter>();
        var orders = Enumerable.Range(0, 100).Select(_ => "BUDGET" + Guid.NewGuid().ToString("N")[..12]).ToList();
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Task.WhenAll(orders.Select(o => writer.TryCreateAsync(AppFixture.OpenPayment(o, "99514901", "budget-secret", sentAt), default)));
        // The fixture's policy: not found after 2 s -> failed; its 8 s horizon is not reached by a payment sent a minute ago.
        var policy = new ReconcilePolicy { NotFoundGracePeriod = TimeSpan.FromSeconds(2), Horizon = TimeSpan.FromDays(1), Jitter = 0 };
        var handler = ActivatorUtilities.CreateInstance<ReconcileHandler>(app.Services, policy);

        var requests = await MeasureAsync(async () =>
        {
            var outcomes = await handler.HandleBatchAsync(orders.Select(o => new ReconcileRequest(o, 1, "budget")).ToList(), default);
            Assert.All(outcomes, o => Assert.Equal(ReconcileOutcome.Settled, o));
        });

        AssertBudget("reconcile batch of 100", requests);
    }

    [Fact]
    public async Task Refund_StaysWithinBudget()
    {
        var (id, order, secret) = await app.CreateAsync("card");
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } });
        var handler = Resolve<RefundHandler>();

        var requests = await MeasureAsync(async () =>
        {
            var result = await handler.CreateAsync(order, 500, "budget", "key-" + Guid.NewGuid().ToString("N"), default);
            Assert.Equal(RefundResultStatus.Created, result.Status);
            Assert.NotEqual(string.Empty, result.Refund!.GatewayRefundId);
        });

        AssertBudget("refund", requests);
    }

    [Fact]
    public async Task EventFeed_AppendAndRead_StayWithinBudget()
    {
        var feed = Resolve<IEventFeed>();
        var order = "BUDGET" + Guid.NewGuid().ToString("N")[..12];
        var id = EventIds.Format(order, 1);
        var merchantEvent = new MerchantEvent(id, order, 1, MerchantEventTypes.PaymentSucceeded, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"));
        var cursor = (await feed.ReadAsync(null, 1, default))!.Next;

        var append = await MeasureAsync(() => feed.AppendAsync(merchantEvent, default));
        var repeated = await MeasureAsync(() => feed.AppendAsync(merchantEvent, default));
        var page = await MeasureAsync(() => feed.ReadAsync(cursor, 50, default));
        var first = await MeasureAsync(() => feed.ReadAsync(null, 50, default));

        AssertBudget("feed append", append);
        AssertBudget("feed append repeated", repeated);
        AssertBudget("feed page", page);
        AssertBudget("feed page without cursor", first);
    }

    /// <summary>
    /// Everything one change costs, in every flow of the process that commits it: the notice (read, signal,
    /// batch), the prompt projection (payment, list index, unpublished events, feed, webhook hand-off,
    /// published flag, signal withdrawn) and the prompt delivery (the attempt kept, its message deleted).
    /// Counted on a process of its own, after a first payment paid for its table and queues.
    /// </summary>
    [Fact]
    public async Task Change_EndToEnd_StaysWithinBudget()
    {
        var names = new AppProcesses.RunNames();
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var counter = new AppProcesses.KillSwitch(0, after: false);
        await using var process = AppProcesses.Process(names, counter, received);
        await process.StartAsync();
        var store = process.Services.GetRequiredService<IPaymentStore>();
        var writer = process.Services.GetRequiredService<PaymentWriter>();
        var notices = process.Services.GetRequiredService<NoticeHandler>();

        async Task<IReadOnlyList<string>> SettleAsync()
        {
            var order = "BUDGET" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
            var created = counter.Steps.Count;
            Assert.True(await writer.TryCreateAsync(AppProcesses.Waiting(order), default));
            // Each flow waits for its own last step (the signal withdrawn, the webhook's message deleted), not only
            // for a quiet half second, so that a pause on loaded cores cannot move a step into the other window.
            await counter.QuietAsync("DELETE /e2e-changes", created);
            var before = counter.Steps.Count;
            await notices.HandleAsync(await Notices.Signed(Notices.Success(order, "1.00"), SecureCode).ReadAsByteArrayAsync(), default);
            await counter.QuietAsync("DELETE /e2e-webhooks", before);
            Assert.Contains(Core.Events.EventIds.Format(order, 2), received);
            return [.. counter.Steps.Skip(before).Where(s => s != "POST webhook")];
        }

        await SettleAsync();
        AssertBudget("change end to end", await SettleAsync());
        await process.StopAsync();
    }

    private T Resolve<T>()
        where T : notnull
        => app.Services.GetRequiredService<T>();

    private static async Task<IReadOnlyList<string>> MeasureAsync(Func<Task> operation)
    {
        using var measurement = StorageRequestCounter.Measure();
        await operation();
        return measurement.Requests;
    }

    private static void AssertBudget(string operation, IReadOnlyList<string> requests)
        => Assert.True(
            requests.Count == Budget[operation],
            $"{operation}: {requests.Count} storage requests, budget {Budget[operation]}:{Environment.NewLine}{string.Join(Environment.NewLine, requests)}");

    private async Task<string> PendingQrOrderAsync()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web", amount: 2500);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, new { });
        return order;
    }

    /// <summary>A success for the order that echoes the stored payment's gateway payment id and notes, as Oceanpayment's do.</summary>
    private async Task<Dictionary<string, string>> EchoingSuccessAsync(string order)
    {
        var stored = (await Resolve<IPaymentStore>().FindAsync(order, default))!.Data;
        var fields = Notices.Success(order, "25.00", terminal: "99514903");
        fields["payment_id"] = stored.GatewayPaymentId;
        fields["order_notes"] = stored.OrderNotes;
        return fields;
    }

    private static CreatePaymentCommand Command() => new()
    {
        Amount = new Money(1050, Currency.Parse("USD")),
        Method = PaymentMethod.Card,
        Billing = new BillingDetails { FirstName = "Ann", LastName = "Lee", Email = "ann@example.com", Country = "US", State = "CA" },
        ReturnUrl = AppFixture.ReturnOrigin + "/checkout/done",
        RequestHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()))),
    };
}
