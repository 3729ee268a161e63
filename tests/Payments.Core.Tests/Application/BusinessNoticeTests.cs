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
    public async Task AChargeback_OpensADispute_ARepresentmentKeepsItOpen_AndTheOutcomeClosesIt_WithoutTouchingTheStatus()
    {
        await SucceededAsync();

        Assert.Equal(NoticeOutcome.Accepted, await SendAsync("chargeBack", "2", "Chargeback raised", "231120090000111010501"));
        var opened = _h.Store.Get(Order)!;
        Assert.Equal(DisputeStatus.Open, opened.Dispute!.Status);
        Assert.Equal("Chargeback raised", opened.Dispute.Reason);

        Assert.Equal(NoticeOutcome.Accepted, await SendAsync("re-presentment", "2", "Re-presented", "231120090000111010502"));
        Assert.Equal(DisputeStatus.Open, _h.Store.Get(Order)!.Dispute!.Status);

        Assert.Equal(NoticeOutcome.Accepted, await SendAsync("re-presentment", "1", "Won", "231120090000111010503"));
        var closed = _h.Store.Get(Order)!;
        Assert.Equal(DisputeStatus.Won, closed.Dispute!.Status);
        Assert.NotNull(closed.Dispute.ClosedAt);
        Assert.Equal(opened.Dispute.OpenedAt, closed.Dispute.OpenedAt);
        Assert.Equal(PaymentStatus.Succeeded, closed.Status);
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
        Assert.Null(_h.Store.Get(Order)!.Dispute);
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
    [InlineData(null, "chargeBack", BusinessNoticeStatus.InDispute, DisputeStatus.Open)]
    [InlineData(null, "chargeBack", BusinessNoticeStatus.Succeeded, DisputeStatus.Lost)]
    [InlineData(null, "chargeBack", BusinessNoticeStatus.Failed, DisputeStatus.Won)]
    [InlineData(DisputeStatus.Open, "re-presentment", BusinessNoticeStatus.InDispute, null)]
    [InlineData(DisputeStatus.Open, "re-presentment", BusinessNoticeStatus.Succeeded, DisputeStatus.Won)]
    [InlineData(DisputeStatus.Open, "re-presentment", BusinessNoticeStatus.Failed, DisputeStatus.Lost)]
    [InlineData(DisputeStatus.Won, "re-presentment", BusinessNoticeStatus.Failed, null)]
    [InlineData(DisputeStatus.Lost, "chargeBack", BusinessNoticeStatus.Failed, null)]
    [InlineData(DisputeStatus.Won, "chargeBack", BusinessNoticeStatus.InDispute, DisputeStatus.Open)]
    [InlineData(DisputeStatus.Open, "fraud", BusinessNoticeStatus.Succeeded, null)]
    [InlineData(null, "chargeBack", BusinessNoticeStatus.Unrecognised, null)]
    public void DisputeTransitions(DisputeStatus? current, string type, BusinessNoticeStatus push, DisputeStatus? expected)
        => Assert.Equal(expected, PaymentStateMachine.DecideDispute(current, type, push));

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
