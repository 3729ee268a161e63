using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Storage;

/// <summary>
/// A notice and a reconcile for the same payment at the same moment, over the real table store on
/// Azurite: ETag-conditional writes, re-read and re-apply on 412, one correct state at the end.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConcurrentResultsTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly PaymentsTelemetry _telemetry = new();
    private readonly ReconcilePolicy _policy = new() { Jitter = 0 };
    private readonly NoScheduler _scheduler = new();
    private readonly TablePaymentStore _table;
    private readonly TableOpenPaymentIndex _openIndex;

    public ConcurrentResultsTests()
    {
        var table = Azurite.Table(Azurite.UniqueTableName("race"));
        _table = Azurite.Store(table);
        _openIndex = Azurite.OpenIndex(table);
    }

    public void Dispose() => _telemetry.Dispose();

    private static InMemorySecureCodeSource Secrets { get; } = new([new(new TerminalKey("995149", "99514901"), "12345678")]);

    private PaymentWriter Writer(IPaymentStore store) => new(store, _openIndex, new Payments.Core.Events.PaymentChanges(Azurite.Settings, _clock), _scheduler, _policy, _clock);

    private ResultApplier Applier(IPaymentStore store) => new(store, Writer(store), new RefundHandler(Writer(store), new QueryAnswering(string.Empty), Secrets, _policy, _telemetry, NullLogger<RefundHandler>.Instance), _telemetry, _clock, NullLogger<ResultApplier>.Instance);

    private ReconcileHandler Reconciler(IPaymentStore store, string queryResults)
    {
        var chain = new CheckChain(Writer(store), new QueryAnswering(queryResults), Secrets, _telemetry, NullLogger<CheckChain>.Instance);
        return new(
        Writer(store),
        chain,
        Applier(store),
        new RefundReconciler(Writer(store), chain, _policy, _telemetry, _clock, NullLogger<RefundReconciler>.Instance),
        _policy,
        _telemetry,
        _clock,
        NullLogger<ReconcileHandler>.Instance);
    }

    private static GatewayFacts Notice(string orderNumber) => new()
    {
        Source = ResultSource.Notice,
        Outcome = GatewayOutcome.Succeeded,
        Account = "995149",
        Terminal = "99514901",
        OrderNumber = orderNumber,
        Currency = "USD",
        Amount = "10.50",
        GatewayPaymentId = "P" + orderNumber,
        Details = PaymentDetails.Parse("80000:Approved"),
    };

    private async Task<string> PendingAsync()
    {
        var order = TestPayments.NewOrderNumber();
        Assert.True(await _table.TryCreateAsync(TestPayments.Minimal(order) with { Status = PaymentStatus.Pending, SentAt = _clock.GetUtcNow() }, None));
        return order;
    }

    private async Task<IReadOnlyList<PaymentRecord>> EventsAsync(string order) => await _table.ListRecordsAsync(order, PaymentRecord.Event, None);

    [Fact]
    public async Task NoticeLandsBetweenTheReconcilesReadAndWrite_ReconcileGets412AndKeepsTheSuccess()
    {
        var order = await PendingAsync();
        // The reconcile's applier has read the pending payment; the notice commits before it writes.
        var racing = new RacingStore(_table, () => Applier(_table).ApplyAsync(Notice(order), null, None));

        var outcome = await Reconciler(racing, queryResults: "-1").HandleAsync(new ReconcileRequest(order, 0, "test"), None);

        Assert.Equal(1, racing.Conflicts);
        Assert.Equal(ReconcileOutcome.Settled, outcome);
        var payment = (await _table.FindAsync(order, None))!.Data;
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal("P" + order, payment.GatewayPaymentId);
        // Both results are on record: the notice applied, the stale pending query ignored.
        var events = await EventsAsync(order);
        Assert.Contains(events, e => e.Values.GetValueOrDefault("source") == nameof(ResultSource.Notice) && e.Values.GetValueOrDefault("kind") == nameof(TransitionKind.Applied));
        Assert.Contains(events, e => e.Values.GetValueOrDefault("source") == nameof(ResultSource.Query) && e.Values.GetValueOrDefault("kind") == nameof(TransitionKind.Ignored));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1")]
    public async Task NoticeAndReconcileInParallel_EndSucceeded(string queryResults)
    {
        var orders = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            orders.Add(await PendingAsync());
        }

        await Task.WhenAll(orders.SelectMany(order => new Task[]
        {
            Task.Run(() => Applier(_table).ApplyAsync(Notice(order), null, None)),
            Task.Run(() => Reconciler(_table, queryResults).HandleAsync(new ReconcileRequest(order, 0, "test"), None)),
        }));

        foreach (var order in orders)
        {
            Assert.Equal(PaymentStatus.Succeeded, (await _table.FindAsync(order, None))!.Data.Status);
        }
    }

    /// <summary>Runs <paramref name="interloper"/> once, just before the first payment write, and counts 412s.</summary>
    private sealed class RacingStore(TablePaymentStore inner, Func<Task> interloper) : IPaymentStore
    {
        private Func<Task>? _interloper = interloper;

        public int Conflicts { get; private set; }

        public async Task<SaveOutcome> CommitAsync(PaymentCommit commit, CancellationToken cancellationToken)
        {
            var interloper = Interlocked.Exchange(ref _interloper, null);
            if (interloper is not null)
            {
                await interloper();
            }

            var outcome = await inner.CommitAsync(commit, cancellationToken);
            Conflicts += outcome == SaveOutcome.VersionConflict ? 1 : 0;
            return outcome;
        }

        public Task<StoredPayment?> FindAsync(string orderNumber, CancellationToken cancellationToken) => inner.FindAsync(orderNumber, cancellationToken);

        public Task<bool> TryCreateAsync(PaymentCommit created, CancellationToken cancellationToken) => inner.TryCreateAsync(created, cancellationToken);

        public Task<SaveOutcome> AddRecordsAsync(string orderNumber, IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken) => inner.AddRecordsAsync(orderNumber, records, cancellationToken);

        public Task CountEventAsync(string orderNumber, PaymentRecord row, string counter, CancellationToken cancellationToken) => inner.CountEventAsync(orderNumber, row, counter, cancellationToken);

        public Task<IReadOnlyList<RefundData>> ListRefundsAsync(string orderNumber, CancellationToken cancellationToken) => inner.ListRefundsAsync(orderNumber, cancellationToken);

        public Task<IReadOnlyList<PaymentRecord>> ListRecordsAsync(string orderNumber, CancellationToken cancellationToken) => inner.ListRecordsAsync(orderNumber, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);
    }

    /// <summary>Answers a status query with one block per order number.</summary>
    private sealed class QueryAnswering(string results) : IOceanpaymentClient
    {
        public Task<GatewayCall> PayAsync(MethodRoute route, GatewayForm form, CancellationToken cancellationToken) => throw new InvalidOperationException("No payment may be sent.");

        public Task<GatewayCall> RefundAsync(GatewayForm form, CancellationToken cancellationToken) => throw new InvalidOperationException("No refund may be sent.");

        public Task<GatewayCall> RefundQueryAsync(GatewayForm form, CancellationToken cancellationToken) => throw new InvalidOperationException("No refund may be queried.");

        public Task<GatewayCall> AuthAsync(GatewayForm form, CancellationToken cancellationToken) => throw new InvalidOperationException("No capture or void may be sent.");

        public Task<GatewayCall> QueryAsync(GatewayForm form, CancellationToken cancellationToken)
        {
            var order = form.Fields.Single(f => f.Key == "order_number").Value;
            return Task.FromResult(GatewayCall.Answer(Encoding.UTF8.GetBytes(
                $"<response><paymentInfo><order_number>{order}</order_number><order_currency>USD</order_currency><order_amount>10.50</order_amount><payment_id>P{order}</payment_id><payment_results>{results}</payment_results><payment_details>80000:Approved</payment_details></paymentInfo></response>")));
        }
    }

    private sealed class NoScheduler : IReconcileScheduler
    {
        public Task ScheduleAsync(ReconcileRequest request, TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
