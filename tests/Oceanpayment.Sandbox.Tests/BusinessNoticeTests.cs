using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class BusinessNoticeTests : SandboxWithReceiver
{
    [Theory]
    [InlineData("chargeBack", 2)]
    [InlineData("re-presentment", 1)]
    [InlineData("retrieval", 2)]
    [InlineData("reversal-retrieval", 1)]
    [InlineData("fraud", 0)]
    [InlineData("highRisk", 1)]
    public async Task PostBusinessNotice_DisputeType_SendsF4SignedNoticeAndAnswersItsPushId(string type, int status)
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", Receiver.Url)).Value("payment_id");

        using var response = await Client.PostBusinessNoticeAsync(paymentId, new { type, status });

        Assert.Equal(200, (int)response.StatusCode);
        var pushId = (await response.JsonAsync()).GetProperty("push_id").GetString();
        Assert.Matches("^[0-9]{21}$", pushId);
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(2))[1]);
        Assert.Equal(type, notice.Value("notice_type"));
        Assert.Equal(pushId, notice.Value("push_id"));
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), notice.Value("push_status"));
        Assert.Equal(paymentId, notice.Value("payment_id"));
        Assert.Equal(orderNumber, notice.Value("order_number"));
        Assert.Matches("^[^0-9]", notice.Value("push_details"));
        Assert.True(AfterPayment.F4Verifies(notice));
        Assert.Null(notice.Element("refund_id"));
    }

    [Fact]
    public async Task PostBusinessNotice_GivenDetails_AreSentAndSignedAsGiven()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00", Receiver.Url)).Value("payment_id");

        using var response = await Client.PostBusinessNoticeAsync(paymentId, new { type = "chargeBack", status = 2, details = "4837:No cardholder authorisation" });

        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(2))[1]);
        Assert.Equal("4837:No cardholder authorisation", notice.Value("push_details"));
        Assert.True(AfterPayment.F4Verifies(notice));
    }

    [Fact]
    public async Task PostBusinessNotice_Arn_CarriesTheRefundIdAndAnAcquirerReference()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00", Receiver.Url)).Value("payment_id");
        var refundId = (await Client.ApplyRefundAsync(paymentId, "1", "1.00")).Value("refund_id");
        await Receiver.WaitForAsync(2);

        using var response = await Client.PostBusinessNoticeAsync(paymentId, new { type = "ARN", status = 1 });

        Assert.Equal(200, (int)response.StatusCode);
        var pushId = (await response.JsonAsync()).GetProperty("push_id").GetString();
        var notice = (await Receiver.WaitForAsync(3)).Select(Gateway.ParseNotice).Single(n => n.Value("notice_type") == "ARN");
        Assert.Equal(pushId, notice.Value("push_id"));
        Assert.Equal(refundId, notice.Value("refund_id"));
        Assert.Matches("^[0-9]{23}$", notice.Value("arn"));
        Assert.True(AfterPayment.F4Verifies(notice));
    }

    [Fact]
    public async Task PostBusinessNotice_ArnWithoutRefund_Is409()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00", Receiver.Url)).Value("payment_id");

        using var response = await Client.PostBusinessNoticeAsync(paymentId, new { type = "ARN", status = 1 });

        Assert.Equal(409, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("refund", 1)]
    [InlineData("chargeback", 1)]
    [InlineData("chargeBack", 3)]
    public async Task PostBusinessNotice_BadTypeOrStatus_Is400AndSendsNothing(string type, int status)
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", Receiver.Url)).Value("payment_id");

        using var response = await Client.PostBusinessNoticeAsync(paymentId, new { type, status });

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(1, (await Client.NoticesAsync(orderNumber)).GetArrayLength());
    }

    [Fact]
    public async Task PostBusinessNotice_UnknownPayment_Is404()
    {
        using var response = await Client.PostBusinessNoticeAsync("999999999999999999999", new { type = "fraud", status = 1 });

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task PostBusinessNotice_PaymentWithoutNoticeUrl_Is409()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00")).Value("payment_id");

        using var response = await Client.PostBusinessNoticeAsync(paymentId, new { type = "fraud", status = 1 });

        Assert.Equal(409, (int)response.StatusCode);
    }

    [Fact]
    public async Task BusinessNotice_ReceiverFailsTwice_IsRetriedAndRecordedWithItsPushId()
    {
        await using var receiver = await NoticeReceiver.StartAsync(failFirst: 2);
        var orderNumber = Gateway.NewOrderNumber();
        await Client.SetScenarioAsync(orderNumber, "no-notice");
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", receiver.Url)).Value("payment_id");

        using var response = await Client.PostBusinessNoticeAsync(paymentId, new { type = "retrieval", status = 2 });
        var pushId = (await response.JsonAsync()).GetProperty("push_id").GetString();

        var record = (await NoticeTests.WaitForFinishedAsync(Sandbox, orderNumber, 1))[0];
        Assert.Equal("retrieval", record.GetProperty("notice_type").GetString());
        Assert.Equal(pushId, record.GetProperty("push_id").GetString());
        Assert.Equal("2", record.GetProperty("push_status").GetString());
        Assert.True(record.GetProperty("delivered").GetBoolean());
        Assert.Equal(3, record.GetProperty("attempts").GetArrayLength());
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Body).Distinct());
    }
}
