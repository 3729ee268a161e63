using Microsoft.Extensions.DependencyInjection;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;
using Payments.LocalHost.Hosting;

namespace Payments.Functions.Tests;

/// <summary>
/// The safety net over the local runner, Azurite and the sandbox: a payment the gateway charged
/// but this app never recorded, with no queued check, is found through the index and settled.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SweepTests(AppFixture app)
{
    [Fact]
    public async Task CrashAfterTheGatewayAnswerBeforeTheWrite_IsRecoveredByTheSweep()
    {
        var (id, order, secret) = await app.CreateAsync("card");
        // No notice either: only the sweep can learn the outcome.
        await app.SetScenarioAsync(order, "no-notice");
        var store = app.Services.GetRequiredService<IPaymentStore>();
        var crashing = new CrashAfterAnswerStore(store);
        var lost = new LostScheduler();
        // The app's own confirm handler, except that the process "dies" when it writes the answer,
        // and the check it queued before the call is lost with it.
        var writer = ActivatorUtilities.CreateInstance<PaymentWriter>(app.Services, crashing, lost);
        var confirm = ActivatorUtilities.CreateInstance<ConfirmPaymentHandler>(
            app.Services, writer, ActivatorUtilities.CreateInstance<ResultApplier>(app.Services, crashing, writer));

        await Assert.ThrowsAsync<IOException>(async () => await confirm.HandleAsync(
            (await store.FindAsync(order, default))!, new CardInstrument("4111111111111111", "12", "2030", "123"), default));

        Assert.Equal("processing", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
        Assert.Single(lost.Lost);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string status;
        do
        {
            // The index row falls due after the first check's delay (1 s in the fixture's policy).
            await app.Services.GetRequiredService<TriggerListenerService>().RunTimerNowAsync(ReconcileSweepFunction.Name);
            status = (await app.GetAsync(id, secret))["status"]!.GetValue<string>();
            if (status != "processing")
            {
                break;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal("succeeded", status);
        var charge = Assert.Single(await app.SandboxTransactionsAsync(order));
        Assert.Equal(1, charge!["payment_requests"]!.GetValue<int>());
        Assert.DoesNotContain(await app.Services.GetRequiredService<IOpenPaymentIndex>().ListDueAsync(DateTimeOffset.UtcNow.AddYears(1), 10_000, default), e => e.OrderNumber == order);
    }

    /// <summary>Throws on the second payment write: the first marks it sent, the second records the answer.</summary>
    private sealed class CrashAfterAnswerStore(IPaymentStore inner) : IPaymentStore
    {
        private int _saves;

        public Task<SaveOutcome> CommitAsync(PaymentCommit commit, CancellationToken cancellationToken)
            => Interlocked.Increment(ref _saves) >= 2
                ? throw new IOException("The process died before the answer was written.")
                : inner.CommitAsync(commit, cancellationToken);

        public Task<StoredPayment?> FindAsync(string orderNumber, CancellationToken cancellationToken) => inner.FindAsync(orderNumber, cancellationToken);

        public Task<bool> TryCreateAsync(PaymentCommit created, CancellationToken cancellationToken) => inner.TryCreateAsync(created, cancellationToken);

        public Task<SaveOutcome> AddRecordsAsync(string orderNumber, IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken) => inner.AddRecordsAsync(orderNumber, records, cancellationToken);

        public Task CountEventAsync(string orderNumber, PaymentRecord row, string counter, CancellationToken cancellationToken) => inner.CountEventAsync(orderNumber, row, counter, cancellationToken);

        public Task<IReadOnlyList<RefundData>> ListRefundsAsync(string orderNumber, CancellationToken cancellationToken) => inner.ListRefundsAsync(orderNumber, cancellationToken);

        public Task<IReadOnlyList<PaymentRecord>> ListRecordsAsync(string orderNumber, CancellationToken cancellationToken) => inner.ListRecordsAsync(orderNumber, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);
    }

    private sealed class LostScheduler : IReconcileScheduler
    {
        public List<ReconcileRequest> Lost { get; } = [];

        public Task ScheduleAsync(ReconcileRequest request, TimeSpan delay, CancellationToken cancellationToken)
        {
            Lost.Add(request);
            return Task.CompletedTask;
        }
    }
}
