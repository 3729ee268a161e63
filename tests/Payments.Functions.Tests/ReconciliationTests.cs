using System.Net.Http.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Storage;

namespace Payments.Functions.Tests;

/// <summary>Fault injection: payments whose outcome is unknown are reconciled by the queue, never resubmitted.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ReconciliationTests(AppFixture app)
{
    private static object Card => new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } };

    [Fact]
    public async Task PendingThenSuccess_WithNoNotice_IsReconciledByTheQueue()
    {
        var (id, order, secret) = await app.CreateAsync("card");
        await app.SetScenarioAsync(order, "no-notice");

        // The sandbox's magic card for "pending, then approved"; the scenario suppresses notices.
        var confirmed = await app.ConfirmAsync(id, secret, new { card = new { number = "4000000000000044", expMonth = "12", expYear = "2030", cvc = "123" } });

        Assert.Equal("pending", confirmed["status"]!.GetValue<string>());
        await app.WaitForStatusAsync(id, secret, "succeeded");
        Assert.DoesNotContain(await app.SandboxNoticesAsync(order), n => n!["delivered"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("timeout-after-commit", "succeeded")]
    [InlineData("malformed-xml", "succeeded")]
    [InlineData("bad-signature", "succeeded")]
    [InlineData("server-error", "failed")] // nothing was committed: not found after the grace period
    public async Task AmbiguousAnswer_IsReconciledWithoutASecondPaymentRequest(string scenario, string final)
    {
        var (id, order, secret) = await app.CreateAsync("card");
        await app.SetScenarioAsync(order, scenario);

        var confirmed = await app.ConfirmAsync(id, secret, Card);

        Assert.Contains(confirmed["status"]!.GetValue<string>(), new[] { "processing", final });
        await app.WaitForStatusAsync(id, secret, final, TimeSpan.FromSeconds(30));
        var transactions = await app.SandboxTransactionsAsync(order);
        Assert.True(transactions.Count <= 1);
        Assert.All(transactions, t => Assert.Equal(1, t!["payment_requests"]!.GetValue<int>()));
    }

    [Fact]
    public async Task PendingForever_GoesToReviewAtTheHorizon()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web");
        await app.SetScenarioAsync(order, "pending-forever");

        await app.ConfirmAsync(id, secret, new { });

        var reviewed = await app.WaitForStatusAsync(id, secret, "review", TimeSpan.FromSeconds(40));
        Assert.Equal("review", reviewed["status"]!.GetValue<string>());
        Assert.Contains(app.LogLines, line => line.Contains("Reconciliation gave up", StringComparison.Ordinal) && line.Contains(order, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageThatAlwaysThrows_EndsInReviewThroughThePoisonQueue()
    {
        var order = await SeedUnreconcilablePaymentAsync();

        await app.Services.GetRequiredService<IReconcileScheduler>().ScheduleAsync(new ReconcileRequest(order, 0, "test"), TimeSpan.Zero, default);

        // maxDequeueCount is 2 in the fixture: two failed deliveries, then the poison queue, then review.
        await app.WaitForStatusAsync(PaymentIds.ForOrder(order), "poison-secret", "review", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ReconcileQueueSetting_MovesTriggerSchedulerAndPoisonQueueTogether()
    {
        // The fixture sets Storage__ReconcileQueue to a name of its own, not the default.
        var queue = app.ReconcileQueueName;
        Assert.NotEqual(StorageNames.ReconcileQueue, queue);
        Assert.Equal(queue, app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ReconcileQueue);
        var order = await SeedUnreconcilablePaymentAsync();

        await app.Services.GetRequiredService<IReconcileScheduler>().ScheduleAsync(new ReconcileRequest(order, 0, "test"), TimeSpan.Zero, default);

        // Review is reached only if the scheduler wrote where ReconcilePayment listens, and its
        // poisoned message went where ReconcilePoison listens.
        await app.WaitForStatusAsync(PaymentIds.ForOrder(order), "poison-secret", "review", TimeSpan.FromSeconds(30));
        // Read back from storage, not from the local runner's own log lines (which a real host does not
        // write): the poison function put it into review (its record, not the horizon's), and nothing for
        // the order is left on the configured queue or its poison queue, or was ever sent to the default one.
        var records = await app.Services.GetRequiredService<IPaymentStore>().ListRecordsAsync(order, default);
        Assert.Contains(records, r => r.Values.GetValueOrDefault("type") == "review" && r.Values["reason"].Contains("poison message", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Values.GetValueOrDefault("type") == "horizon");
        foreach (var name in new[] { queue, queue + "-poison", StorageNames.ReconcileQueue })
        {
            Assert.Empty(await MessagesForAsync(app.Queue(name), order));
        }
    }

    private static async Task<IReadOnlyList<string>> MessagesForAsync(QueueClient queue, string order)
    {
        if (!await queue.ExistsAsync())
        {
            return [];
        }

        var peeked = await queue.PeekMessagesAsync(maxMessages: 32);
        return [.. peeked.Value.Select(m => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText))).Where(text => text.Contains(order, StringComparison.Ordinal))];
    }

    /// <summary>A payment on a terminal this app has no secure code for: every reconcile attempt throws.</summary>
    private async Task<string> SeedUnreconcilablePaymentAsync()
    {
        var order = "POISON" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        var store = app.Services.GetRequiredService<IPaymentStore>();
        Assert.True(await app.Services.GetRequiredService<PaymentWriter>().TryCreateAsync(AppFixture.OpenPayment(order, "99514909", "poison-secret", now), default));

        return order;
    }

    [Fact]
    public async Task PoisonMessage_PutsThePaymentIntoReview()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web");
        await app.SetScenarioAsync(order, "pending-forever");
        await app.ConfirmAsync(id, secret, new { });

        // A message that always throws: a terminal the app has no secure code for is a bug, not a retry.
        var poison = app.Queue(app.ReconcileQueueName + "-poison");
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"orderNumber\":\"{order}\",\"attempt\":5,\"reason\":\"test\"}}")));

        await app.WaitForStatusAsync(id, secret, "review", TimeSpan.FromSeconds(20));
    }
}
