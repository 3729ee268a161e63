using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class AuthEndpointTests : SandboxWithReceiver
{
    [Fact]
    public async Task Capture_WithoutAmount_CapturesAllSignedAndNotifiesSuccess()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.PreAuthAsync(orderNumber, noticeUrl: Receiver.Url)).Value("payment_id");
        await Receiver.WaitForAsync(1);

        var answer = await Client.AuthAsync(paymentId, "1");

        Assert.Equal("respon", answer.Name.LocalName);
        Assert.Equal("1", answer.Value("payment_status"));
        Assert.StartsWith("80000:", answer.Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal(paymentId, answer.Value("payment_id"));
        Assert.Equal(orderNumber, answer.Value("order_number"));
        Assert.Equal("10.00", answer.Value("order_amount"));
        Assert.Equal("10.00", answer.Value("capture_amount"));
        Assert.Equal("1", answer.Value("payment_authType"));
        Assert.True(Gateway.F3Verifies(answer));
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(2))[1]);
        Assert.Equal("transaction", notice.Value("notice_type"));
        Assert.Equal("1", notice.Value("payment_status"));
        Assert.True(Gateway.F3Verifies(notice));
        Assert.Equal("1", (await Client.QueryAsync(orderNumber)).Element("paymentInfo")!.Value("payment_results"));
    }

    [Fact]
    public async Task Capture_WhileTheAuthorisedNoticeIsRetried_ItsNoticeWaitsForThatOne()
    {
        await using var receiver = await NoticeReceiver.StartAsync(failFirst: 2);
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.PreAuthAsync(orderNumber, noticeUrl: receiver.Url)).Value("payment_id");

        await Client.AuthAsync(paymentId, "1");

        var statuses = (await receiver.WaitForAsync(4)).Select(n => Gateway.ParseNotice(n).Value("payment_status")).ToList();
        Assert.Equal(["-1", "-1", "-1", "1"], statuses);
    }

    [Fact]
    public async Task Capture_PartialAmount_SignsOrderAmountAndLimitsRefunds()
    {
        var paymentId = (await Client.PreAuthAsync(Gateway.NewOrderNumber())).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, "1", "4");

        Assert.Equal("1", answer.Value("payment_status"));
        Assert.Equal("10.00", answer.Value("order_amount"));
        Assert.Equal("4.00", answer.Value("capture_amount"));
        Assert.True(Gateway.F3Verifies(answer));
        Assert.Equal("06", (await Client.ApplyRefundAsync(paymentId, "2", "4.01")).Value("refund_results"));
        Assert.Equal("00", (await Client.ApplyRefundAsync(paymentId, "1", "4.00")).Value("refund_results"));
    }

    [Fact]
    public async Task Capture_MoreThanAuthorised_IsRefusedSignedAndLeavesThePaymentAuthorised()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.PreAuthAsync(orderNumber)).Value("payment_id");

        var refused = await Client.AuthAsync(paymentId, "1", "10.01");

        Assert.Equal("0", refused.Value("payment_status"));
        Assert.StartsWith("20026:", refused.Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal(paymentId, refused.Value("payment_id"));
        Assert.True(Gateway.F3Verifies(refused));
        Assert.Equal("-1", (await Client.QueryAsync(orderNumber)).Element("paymentInfo")!.Value("payment_results"));
        Assert.Equal("1", (await Client.AuthAsync(paymentId, "1", "10.00")).Value("payment_status"));
    }

    [Fact]
    public async Task Void_Authorised_AnswersVoidedAndQueryFails()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.PreAuthAsync(orderNumber)).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, "2");

        Assert.Equal("0", answer.Value("payment_status"));
        Assert.Equal("80050:Authorisation voided", answer.Value("payment_details"));
        Assert.Equal("", answer.Value("capture_amount"));
        Assert.True(Gateway.F3Verifies(answer));
        var info = (await Client.QueryAsync(orderNumber)).Element("paymentInfo")!;
        Assert.Equal("0", info.Value("payment_results"));
        Assert.StartsWith("80050:", info.Value("payment_details"), StringComparison.Ordinal);
        Assert.StartsWith("20025:", (await Client.AuthAsync(paymentId, "1")).Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal("05", (await Client.ApplyRefundAsync(paymentId, "1", "10.00")).Value("refund_results"));
    }

    [Fact]
    public async Task Capture_Twice_SecondIsRefused20025AndNotifiesOnce()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.PreAuthAsync(orderNumber, noticeUrl: Receiver.Url)).Value("payment_id");
        await Client.AuthAsync(paymentId, "1");

        var second = await Client.AuthAsync(paymentId, "1");

        Assert.Equal("0", second.Value("payment_status"));
        Assert.StartsWith("20025:", second.Value("payment_details"), StringComparison.Ordinal);
        Assert.True(Gateway.F3Verifies(second));
        Assert.Equal("1", (await Client.QueryAsync(orderNumber)).Element("paymentInfo")!.Value("payment_results"));
        Assert.Equal(2, (await Client.NoticesAsync(orderNumber)).GetArrayLength());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public async Task Auth_WrongSecureCode_Answers20013SignedAndChangesNothing(string authType)
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.PreAuthAsync(orderNumber)).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, authType, secureCode: "wrong");

        Assert.Equal("0", answer.Value("payment_status"));
        Assert.StartsWith("20013:", answer.Value("payment_details"), StringComparison.Ordinal);
        Assert.True(Gateway.F3Verifies(answer));
        Assert.Equal("-1", (await Client.QueryAsync(orderNumber)).Element("paymentInfo")!.Value("payment_results"));
    }

    [Fact]
    public async Task Capture_AmountOutsideTheSignature_Answers20013()
    {
        var paymentId = (await Client.PreAuthAsync(Gateway.NewOrderNumber())).Value("payment_id");
        var form = new Dictionary<string, string>
        {
            ["account"] = Gateway.Account,
            ["terminal"] = Gateway.CardTerminal,
            ["payment_id"] = paymentId,
            ["payment_authType"] = "1",
            ["order_amount"] = "5.00",
            ["signValue"] = Gateway.Sha256(Gateway.Account + Gateway.CardTerminal + paymentId + "1" + Gateway.SecureCode),
        };

        var answer = await Client.PayAsync(AfterPayment.AuthPath, form);

        Assert.StartsWith("20013:", answer.Value("payment_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_SalePayment_Answers20025()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber())).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, "1");

        Assert.StartsWith("20025:", answer.Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal("0", answer.Value("payment_authType"));
        Assert.True(Gateway.F3Verifies(answer));
    }

    [Fact]
    public async Task Capture_PreAuthStillInChallenge_Answers20025WithoutPayUrl()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.PreAuthAsync(orderNumber, terminal: Gateway.ThreeDsTerminal)).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, "1", terminal: Gateway.ThreeDsTerminal);

        Assert.StartsWith("20025:", answer.Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal("3", answer.Value("payment_authType"));
        Assert.Equal("", answer.Value("pay_url"));
        Assert.True(Gateway.F3Verifies(answer));
        Assert.NotEqual("", (await Client.TransactionAsync(orderNumber)).GetProperty("pay_url").GetString());
    }

    [Fact]
    public async Task Capture_PaymentOfAnotherTerminal_Answers20024()
    {
        var paymentId = (await Client.PreAuthAsync(Gateway.NewOrderNumber())).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, "1", terminal: Gateway.ThreeDsTerminal);

        Assert.StartsWith("20024:", answer.Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal(paymentId, answer.Value("payment_id"));
        Assert.True(Gateway.F3Verifies(answer));
    }

    [Theory]
    [InlineData("3", null, "20023")]
    [InlineData("1", "0", "20006")]
    [InlineData("1", "1.234", "20006")]
    public async Task Auth_InvalidField_AnswersSignedValidationCode(string authType, string? amount, string code)
    {
        var paymentId = (await Client.PreAuthAsync(Gateway.NewOrderNumber())).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, authType, amount);

        Assert.StartsWith(code + ":", answer.Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal("0", answer.Value("payment_status"));
        Assert.True(Gateway.F3Verifies(answer));
    }

    [Fact]
    public async Task Auth_UnknownTerminal_AnswersUnsigned20002()
    {
        var paymentId = (await Client.PreAuthAsync(Gateway.NewOrderNumber())).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, "1", terminal: "99999999");

        Assert.StartsWith("20002:", answer.Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal("", answer.Value("signValue"));
    }

    [Fact]
    public async Task Capture_NoNoticeScenario_SendsNoNotice()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.SetScenarioAsync(orderNumber, "no-notice");
        var paymentId = (await Client.PreAuthAsync(orderNumber, noticeUrl: Receiver.Url)).Value("payment_id");

        var answer = await Client.AuthAsync(paymentId, "1");

        Assert.Equal("1", answer.Value("payment_status"));
        // Notices are recorded before the answer is written, so an empty list here is final.
        Assert.Equal(0, (await Client.NoticesAsync(orderNumber)).GetArrayLength());
    }
}
