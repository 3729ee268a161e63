using System.Text.Json;
using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class RefundScenarioTests : SandboxWithReceiver
{
    [Fact]
    public async Task RefundReview_StaysPendingWithoutNoticeUntilReleased()
    {
        var reviewed = Gateway.NewOrderNumber();
        var ordinary = Gateway.NewOrderNumber();
        var reviewedPayment = (await Client.SaleAsync(reviewed, "1.00", Receiver.Url)).Value("payment_id");
        var ordinaryPayment = (await Client.SaleAsync(ordinary, "1.00", Receiver.Url)).Value("payment_id");
        await Client.SetScenarioAsync(reviewed, "refund-review");
        var reviewedRefund = (await Client.ApplyRefundAsync(reviewedPayment, "1", "1.00")).Value("refund_id");
        var ordinaryRefund = (await Client.ApplyRefundAsync(ordinaryPayment, "1", "1.00")).Value("refund_id");

        // The ordinary refund was applied later with the same settle delay: once it settled, the reviewed one would have too.
        await Client.WaitForRefundSettledAsync(ordinaryRefund);
        var held = (await Client.QueryRefundAsync(reviewedRefund)).Element("refundInfo")!;

        Assert.Equal("-1", held.Value("refund_status"));
        Assert.Equal("Refund in review", held.Value("refund_details"));
        Assert.Equal(1, (await Client.NoticesAsync(reviewed)).GetArrayLength());

        using var released = await Client.PostAsync($"/sandbox/refunds/{reviewedRefund}/release", null);
        Assert.Equal(200, (int)released.StatusCode);
        Assert.Equal("1", (await released.JsonAsync()).GetProperty("refund_status").GetString());
        Assert.Equal("1", (await Client.QueryRefundAsync(reviewedRefund)).Element("refundInfo")!.Value("refund_status"));
        var notices = await Client.NoticesAsync(reviewed);
        Assert.Equal(2, notices.GetArrayLength());
        Assert.Equal("refund", notices[1].GetProperty("notice_type").GetString());
        Assert.Equal("1", notices[1].GetProperty("push_status").GetString());
        using var again = await Client.PostAsync($"/sandbox/refunds/{reviewedRefund}/release", null);
        Assert.Equal(409, (int)again.StatusCode);
    }

    [Fact]
    public async Task Release_UnknownRefund_Is404()
    {
        using var response = await Client.PostAsync("/sandbox/refunds/123/release", null);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task RefundFails_SettlesFailedWithNoticeAndFreesTheAmount()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", Receiver.Url)).Value("payment_id");
        await Client.SetScenarioAsync(orderNumber, "refund-fails");
        var refundId = (await Client.ApplyRefundAsync(paymentId, "2", "0.60")).Value("refund_id");

        var settled = await Client.WaitForRefundSettledAsync(refundId);
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(2))[1]);

        Assert.Equal("0", settled.Value("refund_status"));
        Assert.Matches("^[^0-9]", settled.Value("refund_details"));
        Assert.Equal("partialRefund", notice.Value("notice_type"));
        Assert.Equal("0", notice.Value("push_status"));
        Assert.Equal(settled.Value("refund_details"), notice.Value("push_details"));
        Assert.True(AfterPayment.F4Verifies(notice));
        Assert.Equal("00", (await Client.ApplyRefundAsync(paymentId, "1", "1.00")).Value("refund_results"));
    }

    [Fact]
    public async Task RefundAnswerLost_ClientGivesUp_RefundIsCommittedSettledAndNotified()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", Receiver.Url)).Value("payment_id");
        await Client.SetScenarioAsync(orderNumber, "refund-answer-lost");
        using var impatient = new HttpClient { BaseAddress = Sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(1) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.PostFormAsync(AfterPayment.ApplyRefundPath, AfterPayment.RefundForm(paymentId, "1", "1.00")));

        var refunds = await Client.GetJsonAsync($"/sandbox/refunds?payment_id={paymentId}");
        Assert.Equal(1, refunds.GetArrayLength());
        var refundId = refunds[0].GetProperty("refund_id").GetString()!;
        Assert.Equal("1", (await Client.WaitForRefundSettledAsync(refundId)).Value("refund_status"));
        Assert.Equal(refundId, Gateway.ParseNotice((await Receiver.WaitForAsync(2))[1]).Value("refund_id"));
        Assert.Equal("06", (await Client.ApplyRefundAsync(paymentId, "2", "0.01")).Value("refund_results"));
    }

    [Fact]
    public async Task RefundAnswerLost_PatientClient_GetsTheAnswerAfterTheDelay()
    {
        await using var sandbox = await RunningSandbox.StartAsync(o => o.TimeoutAfterCommitDelay = TimeSpan.FromMilliseconds(300));
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await sandbox.Client.SaleAsync(orderNumber, "1.00")).Value("payment_id");
        await sandbox.Client.SetScenarioAsync(orderNumber, "refund-answer-lost");

        var answer = await sandbox.Client.ApplyRefundAsync(paymentId, "1", "1.00");

        Assert.Equal("00", answer.Value("refund_results"));
    }

    [Fact]
    public async Task NoNotice_RefundSettlesButSendsNoNotice()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.SetScenarioAsync(orderNumber, "no-notice");
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", Receiver.Url)).Value("payment_id");
        var refundId = (await Client.ApplyRefundAsync(paymentId, "1", "1.00")).Value("refund_id");

        Assert.Equal("1", (await Client.WaitForRefundSettledAsync(refundId)).Value("refund_status"));

        // A refund's notice is recorded under the same lock that settles it, so an empty list here is final.
        Assert.Equal(0, (await Client.NoticesAsync(orderNumber)).GetArrayLength());
    }

    [Fact]
    public async Task DuplicateNotices_RefundNoticeSentThreeTimesWithOnePushId()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", Receiver.Url)).Value("payment_id");
        await Client.SetScenarioAsync(orderNumber, "duplicate-notices");
        await Client.ApplyRefundAsync(paymentId, "2", "0.10");

        var refundNotices = (await Receiver.WaitForAsync(4)).Select(Gateway.ParseNotice).Where(n => n.Value("notice_type") == "partialRefund").ToList();

        Assert.Equal(3, refundNotices.Count);
        Assert.Single(refundNotices.Select(n => n.Value("push_id")).Distinct());
    }

    [Fact]
    public async Task GetRefunds_ListsTheRefundWithItsFields()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00")).Value("payment_id");
        var refundId = (await Client.ApplyRefundAsync(paymentId, "2", "0.25")).Value("refund_id");

        var refund = (await Client.GetJsonAsync($"/sandbox/refunds?payment_id={paymentId}"))[0];

        Assert.Equal(refundId, refund.GetProperty("refund_id").GetString());
        Assert.Equal(orderNumber, refund.GetProperty("order_number").GetString());
        Assert.Equal("0.25", refund.GetProperty("refund_amount").GetString());
        Assert.Equal("2", refund.GetProperty("refund_type").GetString());
        Assert.Equal("Customer request", refund.GetProperty("refund_description").GetString());
        Assert.Equal(JsonValueKind.String, refund.GetProperty("refund_status").ValueKind);
    }
}
