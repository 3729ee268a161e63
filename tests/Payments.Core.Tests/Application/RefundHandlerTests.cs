using System.Security.Cryptography;
using System.Text;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class RefundHandlerTests : IDisposable
{
    private const string Order = "ORD1";
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<PaymentData> SucceededAsync(PaymentStatus status = PaymentStatus.Succeeded)
    {
        var stored = await _h.CreatedAsync();
        var data = stored.Data with { Status = status, GatewayPaymentId = GatewayMessages.PaymentId };
        _h.Store.Seed(data);
        return data;
    }

    private static string Field(GatewayForm form, string name) => form.Fields.Single(f => f.Key == name).Value;

    private ReconcileRequest LastCheck() => _h.Scheduler.Scheduled.Last(s => s.Request.RefundId is not null).Request;

    [Fact]
    public async Task FullRefund_IsSentOnceAsTypeOneWithTwoDecimalsAndAnF9Signature_ThenSettledByTheQuery()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");

        var result = await _h.Refunds.CreateAsync(Order, null, "Returned", null, default);

        Assert.Equal(RefundResultStatus.Created, result.Status);
        Assert.Equal(RefundStatus.Pending, result.Refund!.Status);
        Assert.Equal(10000, result.Refund.Amount.MinorUnits);
        var form = Assert.Single(_h.Gateway.Refunds);
        Assert.Equal("1", Field(form, "refund_type"));
        Assert.Equal("100.00", Field(form, "refund_amount"));
        var signed = "995149" + "99514901" + GatewayMessages.PaymentId + "1" + "100.00" + "Returned" + GatewayMessages.SecureCode;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signed))), Field(form, "signValue"), ignoreCase: true);

        var check = LastCheck();
        Assert.Equal(result.Refund.RefundId, check.RefundId);
        _h.Gateway.OnRefundQuery = m => m["refund_id"] == "231120090000000001"
            ? GatewayMessages.RefundQueryAnswer("231120090000000001", "1", "100.00", Order)
            : GatewayCall.Failed("wrong id");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ReconcileOutcome.Settled, await _h.Reconcile.HandleAsync(check, default));

        var payment = _h.Store.Get(Order)!;
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(10000, payment.RefundedMinor);
        Assert.Equal(0, payment.OpenRefunds);
        Assert.Equal(RefundStatus.Succeeded, (await _h.Refunds.ListAsync(Order, default)).Single().Status);
        Assert.DoesNotContain(_h.Store.OpenIndex(), e => e.OrderNumber == Order);
    }

    [Fact]
    public async Task PartialRefunds_AreTypeTwo_AndMoreThanTheRestIsRefusedWithoutAskingTheGateway()
    {
        await SucceededAsync();
        var ids = 0;
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "23112009000000000" + ++ids);

        Assert.Equal(RefundResultStatus.Created, (await _h.Refunds.CreateAsync(Order, 3000, "a", null, default)).Status);
        Assert.Equal(RefundResultStatus.Created, (await _h.Refunds.CreateAsync(Order, 3000, "b", null, default)).Status);
        var over = await _h.Refunds.CreateAsync(Order, 4001, "c", null, default);

        Assert.Equal(RefundResultStatus.ExceedsRefundable, over.Status);
        Assert.Equal(2, _h.Gateway.Refunds.Count);
        Assert.All(_h.Gateway.Refunds, f => Assert.Equal("2", Field(f, "refund_type")));
        Assert.Equal("30.00", Field(_h.Gateway.Refunds[0], "refund_amount"));
        Assert.Equal(6000, _h.Store.Get(Order)!.RefundsReservedMinor);
        Assert.Equal(2, (await _h.Refunds.ListAsync(Order, default)).Count);
    }

    [Fact]
    public async Task TenConcurrentRefundsOfAFifth_NeverExceedTheCapturedAmount()
    {
        await SucceededAsync();
        var ids = 0;
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "2311200900000" + Interlocked.Increment(ref ids).ToString("D5", System.Globalization.CultureInfo.InvariantCulture));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => _h.Refunds.CreateAsync(Order, 2000, "r" + i, null, default))));

        Assert.Equal(5, results.Count(r => r.Status == RefundResultStatus.Created));
        Assert.Equal(5, results.Count(r => r.Status == RefundResultStatus.ExceedsRefundable));
        Assert.Equal(5, _h.Gateway.Refunds.Count);
        Assert.Equal(10000, _h.Store.Get(Order)!.RefundsReservedMinor);
    }

    [Theory]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.Authorised)]
    [InlineData(PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Review)]
    public async Task APaymentThatHasNotSucceeded_IsNotRefundable(PaymentStatus status)
    {
        await SucceededAsync(status);

        var result = await _h.Refunds.CreateAsync(Order, 100, "x", null, default);

        Assert.Equal(RefundResultStatus.NotRefundable, result.Status);
        Assert.Empty(_h.Gateway.Refunds);
        Assert.Empty(await _h.Refunds.ListAsync(Order, default));
    }

    [Fact]
    public async Task ARefusedRefund_FailsAndGivesItsAmountBack()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("06", string.Empty);

        var result = await _h.Refunds.CreateAsync(Order, 5000, "x", null, default);

        Assert.Equal(RefundStatus.Failed, result.Refund!.Status);
        Assert.Equal("06", result.Refund.GatewayCode);
        var payment = _h.Store.Get(Order)!;
        Assert.Equal(0, payment.RefundsReservedMinor);
        Assert.Equal(0, payment.OpenRefunds);
        Assert.Equal(RefundResultStatus.Created, (await _h.Refunds.CreateAsync(Order, 10000, "again", null, default)).Status);
    }

    [Theory]
    [InlineData("<response><refund_results>00</refund_results></response>")]
    [InlineData("<response><account>995149</account><terminal>99514901</terminal><payment_id>231115103045123010521</payment_id><refund_id>12a</refund_id><refund_results>00</refund_results><refund_details>x</refund_details></response>")]
    [InlineData("<response><account>995149</account><terminal>99514901</terminal><payment_id>231115103045123010599</payment_id><refund_id>1</refund_id><refund_results>00</refund_results><refund_details>x</refund_details></response>")]
    [InlineData("not xml")]
    [InlineData(null)]
    public async Task ALostOrMalformedAnswer_LeavesTheRefundPendingAndIsNeverSentAgain(string? body)
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => body is null ? GatewayCall.Failed("timed out") : GatewayCall.Answer(Encoding.UTF8.GetBytes(body));

        var result = await _h.Refunds.CreateAsync(Order, 4000, "x", null, default);

        Assert.Equal(RefundStatus.Pending, result.Refund!.Status);
        Assert.True(result.Refund.AnswerLost);
        Assert.Equal(string.Empty, result.Refund.GatewayRefundId);
        // Its checks wait for a gateway id: no refund query can be made without one, no request is repeated.
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ReconcileOutcome.Rescheduled, await _h.Reconcile.HandleAsync(LastCheck(), default));
        Assert.Single(_h.Gateway.Refunds);
        Assert.Empty(_h.Gateway.RefundQueries);
        Assert.Equal(4000, _h.Store.Get(Order)!.RefundsReservedMinor);
    }

    [Fact]
    public async Task ALostAnswer_IsFoundByItsNoticeAndProvedByTheRefundQuery()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayCall.Failed("timed out");
        var created = await _h.Refunds.CreateAsync(Order, 4000, "x", null, default);
        var notice = GatewayMessages.Business(Order, "partialRefund", "1", "Refund successful");
        notice["refund_id"] = "231120090000000007";
        notice["refund_amount"] = "40.00";

        Assert.Equal(NoticeOutcome.Accepted, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(notice), default));

        // The notice alone settles nothing: it is unsigned where it names the refund.
        Assert.Equal(RefundStatus.Pending, (await _h.Refunds.ListAsync(Order, default)).Single().Status);
        var check = LastCheck();
        Assert.Equal(created.Refund!.RefundId, check.RefundId);
        Assert.Equal(TimeSpan.Zero, _h.Scheduler.Scheduled.Last().Delay);
        _h.Gateway.OnRefundQuery = m => GatewayMessages.RefundQueryAnswer(m["refund_id"], "1", "40.00", Order);

        Assert.Equal(ReconcileOutcome.Settled, await _h.Reconcile.HandleAsync(check, default));

        var refund = (await _h.Refunds.ListAsync(Order, default)).Single();
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal("231120090000000007", refund.GatewayRefundId);
        Assert.Single(_h.Gateway.Refunds);
        Assert.Equal(4000, _h.Store.Get(Order)!.RefundedMinor);
        Assert.Equal(NoticeOutcome.Duplicate, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(notice), default));
    }

    [Theory]
    [InlineData("231115103045123010599", "40.00", "ORD1")]
    [InlineData(GatewayMessages.PaymentId, "39.99", "ORD1")]
    [InlineData(GatewayMessages.PaymentId, "40.00", "OTHER")]
    public async Task ANoticedIdTheQueryDoesNotMatch_IsForgottenAndSettlesNothing(string paymentId, string amount, string order)
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayCall.Failed("timed out");
        await _h.Refunds.CreateAsync(Order, 4000, "x", null, default);
        var notice = GatewayMessages.Business(Order, "refund", "1", "Refund successful");
        notice["refund_id"] = "231120090000000009";
        notice["refund_amount"] = "40.00";
        await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(notice), default);
        _h.Gateway.OnRefundQuery = m => GatewayMessages.RefundQueryAnswer(m["refund_id"], "1", amount, order, paymentId);

        Assert.Equal(ReconcileOutcome.Rescheduled, await _h.Reconcile.HandleAsync(LastCheck(), default));

        var refund = (await _h.Refunds.ListAsync(Order, default)).Single();
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal(string.Empty, refund.GatewayRefundId);
        Assert.Equal(string.Empty, refund.NoticedGatewayRefundId);
        Assert.Equal(0, _h.Store.Get(Order)!.RefundedMinor);
    }

    [Fact]
    public async Task ARefundStillInReviewAtItsHorizon_IsFlaggedForAPersonAndKeepsItsAmountReserved()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");
        _h.Gateway.OnRefundQuery = m => GatewayMessages.RefundQueryAnswer(m["refund_id"], "-1", "100.00", Order);
        await _h.Refunds.CreateAsync(Order, null, "x", null, default);

        var outcome = ReconcileOutcome.Rescheduled;
        for (var i = 0; i < 100 && outcome == ReconcileOutcome.Rescheduled; i++)
        {
            var check = LastCheck();
            _h.Clock.Advance(_h.Scheduler.Scheduled.Last().Delay);
            outcome = await _h.Reconcile.HandleAsync(check, default);
        }

        Assert.Equal(ReconcileOutcome.GaveUp, outcome);
        var refund = (await _h.Refunds.ListAsync(Order, default)).Single();
        Assert.True(refund.NeedsReview);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.True(_h.Clock.GetUtcNow() - refund.CreatedAt >= _h.Policy.RefundHorizon);
        Assert.Equal(10000, _h.Store.Get(Order)!.RefundsReservedMinor);
    }

    [Fact]
    public async Task TheSameIdempotencyKey_ReplaysTheRefund_AndADifferentBodyIsRefused()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");

        var first = await _h.Refunds.CreateAsync(Order, 2500, "x", "key-1", default);
        var again = await _h.Refunds.CreateAsync(Order, 2500, "x", "key-1", default);
        var other = await _h.Refunds.CreateAsync(Order, 2600, "x", "key-1", default);

        Assert.Equal(RefundResultStatus.Created, first.Status);
        Assert.Equal(RefundResultStatus.Replayed, again.Status);
        Assert.Equal(first.Refund!.RefundId, again.Refund!.RefundId);
        Assert.Equal(RefundResultStatus.IdempotencyKeyReused, other.Status);
        Assert.Single(_h.Gateway.Refunds);
        Assert.Equal(2500, _h.Store.Get(Order)!.RefundsReservedMinor);
    }

    [Fact]
    public async Task TheSweep_ChecksARefundWhoseQueuedCheckWasLost()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");
        _h.Gateway.OnRefundQuery = m => GatewayMessages.RefundQueryAnswer(m["refund_id"], "0", "100.00", Order);
        await _h.Refunds.CreateAsync(Order, null, "x", null, default);
        Assert.Contains(_h.Store.OpenIndex(), e => e.OrderNumber == Order);

        _h.Clock.Advance(TimeSpan.FromMinutes(15));
        await _h.Sweep.SweepAsync(default);

        var refund = (await _h.Refunds.ListAsync(Order, default)).Single();
        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal(0, _h.Store.Get(Order)!.RefundsReservedMinor);
        Assert.DoesNotContain(_h.Store.OpenIndex(), e => e.OrderNumber == Order);
    }

    [Fact]
    public async Task ARefundWhoseChecksAllFailed_IsFlaggedForAnOperator_Once()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");
        var created = await _h.Refunds.CreateAsync(Order, 2500, "x", null, default);

        Assert.True(await _h.RefundChecks.MarkForReviewAsync(Order, created.Refund!.RefundId, default));
        Assert.False(await _h.RefundChecks.MarkForReviewAsync(Order, created.Refund.RefundId, default));

        var refund = (await _h.Refunds.ListAsync(Order, default)).Single();
        Assert.True(refund.NeedsReview);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal(2500, _h.Store.Get(Order)!.RefundsReservedMinor);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get(Order)!.Status);
    }

    [Fact]
    public async Task AStaleRefundCheck_IsDropped()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");
        await _h.Refunds.CreateAsync(Order, null, "x", null, default);
        var check = LastCheck();

        Assert.Equal(ReconcileOutcome.NothingToDo, await _h.Reconcile.HandleAsync(check with { DueAt = check.DueAt!.Value.AddMinutes(-5) }, default));
        Assert.Empty(_h.Gateway.RefundQueries);
    }
}
