using Payments.Core.Application;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class BusinessNoticeTests : IDisposable
{
    private const string Order = "ORD1";
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task SucceededAsync()
    {
        var stored = await _h.CreatedAsync();
        _h.Store.Seed(stored.Data with { Status = PaymentStatus.Succeeded, GatewayPaymentId = GatewayMessages.PaymentId });
    }

    private Task<NoticeOutcome> SendAsync(string type, string status, string details, string pushId)
        => _h.Notices.HandleAsync(GatewayMessages.BusinessXml(GatewayMessages.Business(Order, type, status, details, pushId)), default);

    [Fact]
    public async Task AChargeback_OpensADispute_ARepresentmentPutsItUnderReview_AndTheOutcomeClosesIt_WithoutTouchingTheStatus()
    {
        await SucceededAsync();

        Assert.Equal(NoticeOutcome.Accepted, await SendAsync("chargeBack", "2", "Chargeback raised", "231120090000111010501"));
        var opened = _h.Store.Get(Order)!;
        Assert.Equal(DisputeStatus.Open, opened.LatestDispute!.Status);
        Assert.Equal("Chargeback raised", opened.LatestDispute.Reason);
        Assert.Equal(opened.Amount.MinorUnits, opened.LatestDispute.AmountMinor);

        Assert.Equal(NoticeOutcome.Accepted, await SendAsync("re-presentment", "2", "Re-presented", "231120090000111010502"));
        Assert.Equal(DisputeStatus.UnderReview, _h.Store.Get(Order)!.LatestDispute!.Status);

        Assert.Equal(NoticeOutcome.Accepted, await SendAsync("re-presentment", "1", "Won", "231120090000111010503"));
        var closed = _h.Store.Get(Order)!;
        var dispute = Assert.Single(closed.Disputes);
        Assert.Equal(DisputeStatus.Won, dispute.Status);
        Assert.NotNull(dispute.ClosedAt);
        Assert.Equal(opened.LatestDispute.OpenedAt, dispute.OpenedAt);
        Assert.Equal(["231120090000111010501", "231120090000111010502", "231120090000111010503"], dispute.NoticeIds);
        Assert.Equal(PaymentStatus.Succeeded, closed.Status);
    }

    [Fact]
    public async Task TheGatewaysDates_TellALateNoticeOfAWonDispute_FromASecondChargeback()
    {
        await SucceededAsync();
        Task<NoticeOutcome> Dated(string type, string status, string pushId, string at)
        {
            var notice = GatewayMessages.Business(Order, type, status, type, pushId);
            notice["push_dateTime"] = at;
            return _h.Notices.HandleAsync(GatewayMessages.BusinessXml(notice), default);
        }

        await Dated("chargeBack", "2", "231120090000111010601", "2026-11-20 09:00:00");
        await Dated("re-presentment", "1", "231120090000111010603", "2026-11-22 09:00:00");
        // The chargeback's own result, pushed before the re-presentment's, arrives last: it changes nothing.
        await Dated("chargeBack", "1", "231120090000111010602", "2026-11-21 09:00:00");
        var won = Assert.Single(_h.Store.Get(Order)!.Disputes);
        Assert.Equal(DisputeStatus.Won, won.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), won.ClosedAt);

        await Dated("chargeBack", "2", "231120090000111010604", "2026-12-01 09:00:00");

        var disputes = _h.Store.Get(Order)!.Disputes;
        Assert.Equal([DisputeStatus.Won, DisputeStatus.Open], disputes.Select(d => d.Status));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), disputes[1].OpenedAt);
        Assert.Contains(_h.Store.Records(Order), r => r.Values.GetValueOrDefault("change") == "dispute-noted");
    }

    [Fact]
    public async Task ADuplicate_AndACopyRelabelledAsAnotherType_AreNoOps()
    {
        await SucceededAsync();
        var notice = GatewayMessages.Business(Order, "chargeBack", "2", "Chargeback raised");
        Assert.Equal(NoticeOutcome.Accepted, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(notice), default));
        var before = _h.Store.Get(Order)!;

        Assert.Equal(NoticeOutcome.Duplicate, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(notice), default));
        // notice_type is outside F4: the same signed values under another type are the same notice.
        var relabelled = new Dictionary<string, string>(notice) { ["notice_type"] = "fraud" };
        Assert.Equal(NoticeOutcome.Duplicate, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(relabelled, GatewayMessages.SignBusiness(notice)), default));

        Assert.Equal(before, _h.Store.Get(Order));
    }

    [Fact]
    public async Task AForgedNotice_AndAReSplitOfASignedOne_ChangeNothing()
    {
        await SucceededAsync();
        var genuine = GatewayMessages.Business(Order, "chargeBack", "1", "Lost");
        var before = _h.Store.Get(Order)!;

        Assert.Equal(NoticeOutcome.Rejected, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(genuine, GatewayMessages.SignBusiness(genuine, "87654321")), default));

        // The same characters split differently between push_id and push_status hash the same.
        var resplit = new Dictionary<string, string>(genuine) { ["push_id"] = "23112009000011101051", ["push_status"] = "11" };
        Assert.Equal(GatewayMessages.SignBusiness(genuine), GatewayMessages.SignBusiness(resplit));
        Assert.Equal(NoticeOutcome.Rejected, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(resplit, GatewayMessages.SignBusiness(genuine)), default));

        // A payment_id other than the payment's own is refused even when correctly signed.
        var otherPayment = new Dictionary<string, string>(genuine) { ["payment_id"] = "231115103045123010599" };
        Assert.Equal(NoticeOutcome.Rejected, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(otherPayment), default));

        Assert.Equal(before, _h.Store.Get(Order));
        Assert.DoesNotContain(_h.Store.Records(Order), r => r.Kind == PaymentRecord.Notice);
    }

    [Fact]
    public async Task RiskNotices_AreFlags_AndAReversedRetrievalClearsItsFlag()
    {
        await SucceededAsync();

        await SendAsync("fraud", "1", "Fraud report", "231120090000111010511");
        await SendAsync("retrieval", "1", "Retrieval", "231120090000111010512");
        await SendAsync("highRisk", "1", "High risk", "231120090000111010513");
        Assert.Equal(["fraud", "retrieval", "highRisk"], _h.Store.Get(Order)!.Flags);

        await SendAsync("reversal-retrieval", "1", "Reversed", "231120090000111010514");
        Assert.Equal(["fraud", "highRisk"], _h.Store.Get(Order)!.Flags);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get(Order)!.Status);
        Assert.Empty(_h.Store.Get(Order)!.Disputes);
    }

    [Fact]
    public async Task AnArnNotice_AttachesTheReferenceToTheRefundItNames()
    {
        await SucceededAsync();
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");
        var refund = await _h.Refunds.CreateAsync(Order, 1000, "x", null, default);
        var notice = GatewayMessages.Business(Order, "ARN", "1", "ARN issued");
        notice["refund_id"] = "231120090000000001";
        notice["arn"] = "74567890123456789012345";

        Assert.Equal(NoticeOutcome.Accepted, await _h.Notices.HandleAsync(GatewayMessages.BusinessXml(notice), default));

        var stored = (await _h.Refunds.ListAsync(Order, default)).Single();
        Assert.Equal(refund.Refund!.RefundId, stored.RefundId);
        Assert.Equal("74567890123456789012345", stored.Arn);
    }

    [Theory]
    [InlineData(RefundStatus.Pending, RefundStatus.Succeeded, TransitionKind.Applied, RefundStatus.Succeeded)]
    [InlineData(RefundStatus.Pending, RefundStatus.Failed, TransitionKind.Applied, RefundStatus.Failed)]
    [InlineData(RefundStatus.Succeeded, RefundStatus.Failed, TransitionKind.Ignored, RefundStatus.Succeeded)]
    [InlineData(RefundStatus.Failed, RefundStatus.Succeeded, TransitionKind.Ignored, RefundStatus.Failed)]
    [InlineData(RefundStatus.Succeeded, RefundStatus.Succeeded, TransitionKind.Duplicate, RefundStatus.Succeeded)]
    public void RefundTransitions(RefundStatus current, RefundStatus target, TransitionKind kind, RefundStatus to)
    {
        var transition = PaymentStateMachine.DecideRefund(current, target);
        Assert.Equal(kind, transition.Kind);
        Assert.Equal(to, transition.To);
    }
}
