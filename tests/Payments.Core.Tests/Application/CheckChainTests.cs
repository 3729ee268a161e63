using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class CheckChainTests : IDisposable
{
    private const string Order = "ORD1";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    // due (minutes from now, or none), booked (minutes from now, or none), started (minutes ago), horizon (minutes, or none) -> step
    [Theory]
    [InlineData(1, 5, 10, 60, CheckStep.Skip)] // a later booking replaced this check and lies ahead
    [InlineData(1, 5, 90, 60, CheckStep.Skip)] // even past the horizon: the later booking gives up
    [InlineData(5, 5, 10, 60, CheckStep.Query)] // its own booking
    [InlineData(-6, -1, 10, 60, CheckStep.Query)] // the later booking is overdue: run now
    [InlineData(null, 5, 10, 60, CheckStep.Query)] // the sweep's checks are never stale
    [InlineData(null, null, 60, 60, CheckStep.GiveUp)] // at the horizon exactly
    [InlineData(5, 5, 59, 60, CheckStep.Query)] // a minute before it
    [InlineData(5, 5, 10_000, null, CheckStep.Query)] // no horizon: never gives up
    public void Step_DropsReplacedChecks_GivesUpAtTheHorizon_OtherwiseQueries(int? dueIn, int? bookedIn, int startedAgo, int? horizon, CheckStep expected)
    {
        var due = new ReconcileRequest(Order, 2, "test") { DueAt = dueIn is { } d ? Now.AddMinutes(d) : null };

        var step = CheckChain.Step(due, bookedIn is { } b ? Now.AddMinutes(b) : null, Now.AddMinutes(-startedAgo), horizon is { } h ? TimeSpan.FromMinutes(h) : null, Now);

        Assert.Equal(expected, step);
    }

    [Fact]
    public void Next_IsTheFollowingAttemptOfTheSameSubject_WithItsDueTimeLeftToTheBooking()
    {
        var due = new ReconcileRequest(Order, 2, "test") { DueAt = Now, RefundId = "re_1" };

        var next = due.Next("still-pending");

        Assert.Equal(new ReconcileRequest(Order, 3, "still-pending") { RefundId = "re_1" }, next);
    }

    [Fact]
    public async Task Reschedule_OfAPayment_BooksItsNextAttemptWithBackoff_MovesTheIndexRowPastIt_AndQueuesIt()
    {
        var read = await AwaitingACheckAsync();

        var outcome = await _h.Chain.RescheduleAsync(new ReconcileRequest(Order, 2, "test"), read, "query-failed", default);

        Assert.Equal(ReconcileOutcome.Rescheduled, outcome);
        var booked = _h.Store.Get(Order)!.NextCheckAt;
        Assert.Equal(_h.Clock.GetUtcNow() + _h.Policy.DelayFor(3), booked);
        var (request, delay) = _h.Scheduler.Scheduled.Last();
        Assert.Equal(new ReconcileRequest(Order, 3, "query-failed") { DueAt = booked }, request);
        Assert.Equal(_h.Policy.DelayFor(3), delay);
        var row = Assert.Single(_h.Store.OpenIndex());
        Assert.Equal(3, row.Attempt);
        Assert.True(row.DueAt > booked);
    }

    [Fact]
    public async Task Reschedule_OfAPaymentAnotherPathSettled_LeavesTheChain_AndItsIndexRow()
    {
        var read = await AwaitingACheckAsync();
        _h.Store.WriteConcurrently(read.Stored.Data with { Status = PaymentStatus.Succeeded, GatewayPaymentId = GatewayMessages.PaymentId, NextCheckAt = null });
        var queued = _h.Scheduler.Scheduled.Count;

        var outcome = await _h.Chain.RescheduleAsync(new ReconcileRequest(Order, 2, "test"), read, "query-failed", default);

        Assert.Equal(ReconcileOutcome.NothingToDo, outcome);
        Assert.Equal(queued, _h.Scheduler.Scheduled.Count);
        Assert.Empty(_h.Store.OpenIndex());
    }

    [Fact]
    public async Task Reschedule_OfARefund_BooksTheRefundsNextAttempt_AndQueuesItNamingTheRefund()
    {
        var refundId = await PendingRefundAsync();
        var read = (await _h.Writer.ReadAsync(Order, withRefunds: true, default))!;

        var outcome = await _h.Chain.RescheduleAsync(new ReconcileRequest(Order, 4, "test") { RefundId = refundId }, read, "still-pending", default);

        Assert.Equal(ReconcileOutcome.Rescheduled, outcome);
        var refund = (await _h.Writer.ListRefundsAsync(Order, default)).Single();
        Assert.Equal(5, refund.CheckAttempt);
        Assert.Equal(_h.Clock.GetUtcNow() + _h.Policy.DelayFor(5), refund.NextCheckAt);
        Assert.Equal(new ReconcileRequest(Order, 5, "still-pending") { RefundId = refundId, DueAt = refund.NextCheckAt }, _h.Scheduler.Scheduled.Last().Request);
        Assert.Equal(5, Assert.Single(_h.Store.OpenIndex()).Attempt);
    }

    [Fact]
    public async Task GiveUp_OfARefund_FlagsItOnce()
    {
        var refundId = await PendingRefundAsync();
        var due = new ReconcileRequest(Order, 9, "test") { RefundId = refundId };

        var first = await _h.Chain.GiveUpAsync(due, null, default);
        var second = await _h.Chain.GiveUpAsync(due, null, default);

        Assert.Equal(ReconcileOutcome.GaveUp, first);
        Assert.Equal(ReconcileOutcome.NothingToDo, second);
        var refund = (await _h.Writer.ListRefundsAsync(Order, default)).Single();
        Assert.True(refund.NeedsReview);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Null(refund.NextCheckAt);
    }

    [Fact]
    public async Task GiveUp_OfAPaymentThatIsNoLongerOpen_ButStillAwaitsACheck_BooksTheNextCheckInstead()
    {
        var read = await AwaitingACheckAsync();
        // A failure with a doubt on it (a success may still come) awaits a check but is not open.
        var doubted = read.Stored.Data with { Status = PaymentStatus.Failed, OutcomeUnknown = true };
        _h.Store.WriteConcurrently(doubted);
        Assert.True(new Payment(doubted).AwaitsStatusCheck);

        var outcome = await _h.Chain.GiveUpAsync(new ReconcileRequest(Order, 2, "test"), null, default);

        Assert.Equal(ReconcileOutcome.Rescheduled, outcome);
        Assert.Equal(PaymentStatus.Failed, _h.Store.Get(Order)!.Status);
        Assert.Equal(new ReconcileRequest(Order, 3, "changed") { DueAt = _h.Store.Get(Order)!.NextCheckAt }, _h.Scheduler.Scheduled.Last().Request);
    }

    private async Task<PaymentRead> AwaitingACheckAsync()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = _ => GatewayCall.Failed("timed out");
        await _h.Confirm.HandleAsync(stored, new CardInstrument("4111111111111111", "12", "2030", "123"), default);
        return (await _h.Writer.ReadAsync(Order, withRefunds: false, default))!;
    }

    private async Task<string> PendingRefundAsync()
    {
        var stored = await _h.CreatedAsync();
        _h.Store.Seed(stored.Data with { Status = PaymentStatus.Succeeded, GatewayPaymentId = GatewayMessages.PaymentId });
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");
        var result = await _h.Refunds.CreateAsync(Order, null, "Returned", null, default);
        return result.Refund!.RefundId;
    }
}
