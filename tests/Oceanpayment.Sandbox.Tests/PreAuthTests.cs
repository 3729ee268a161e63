using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class PreAuthTests : SandboxWithReceiver
{
    [Fact]
    public async Task DirectPay_PreApprovedCard_AnswersAndNotifiesAuthorisedAwaitingCapture()
    {
        var orderNumber = Gateway.NewOrderNumber();

        var answer = await Client.PreAuthAsync(orderNumber, noticeUrl: Receiver.Url);

        Assert.Equal("-1", answer.Value("payment_status"));
        Assert.Equal("1", answer.Value("payment_authType"));
        Assert.Equal("", answer.Value("pay_url"));
        Assert.Matches("^[0-9]{5}:[^0-9]", answer.Value("payment_details"));
        Assert.Matches("^[0-9]{21}$", answer.Value("payment_id"));
        Assert.Equal("10.00", answer.Value("order_amount"));
        Assert.True(Gateway.F3Verifies(answer));
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(1))[0]);
        Assert.Equal("-1", notice.Value("payment_status"));
        Assert.Equal("1", notice.Value("payment_authType"));
        Assert.Equal("", notice.Value("pay_url"));
        Assert.True(Gateway.F3Verifies(notice));
    }

    [Fact]
    public async Task CheckNormal_PreAuthorised_IsPendingWithAuthTypeOne()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.PreAuthAsync(orderNumber);

        var info = (await Client.QueryAsync(orderNumber)).Element("paymentInfo")!;

        Assert.Equal("-1", info.Value("payment_results"));
        Assert.Equal("1", info.Value("payment_authType"));
    }

    [Fact]
    public async Task DirectPay_PreDeclinedCard_FailsWithAuthTypeOne()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber(), "4000000000000002");
        form["ET_NOTES"] = "pre";

        var answer = await Client.PayAsync(Gateway.DirectPay, form.Signed());

        Assert.Equal("0", answer.Value("payment_status"));
        Assert.Equal("1", answer.Value("payment_authType"));
        Assert.True(Gateway.F3Verifies(answer));
    }

    [Fact]
    public async Task DirectPay_PreOnThreeDsTerminal_ChallengesWithAuthTypeThreeThenAuthorises()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var answer = await Client.PreAuthAsync(orderNumber, noticeUrl: Receiver.Url, terminal: Gateway.ThreeDsTerminal);
        Assert.Equal("-1", answer.Value("payment_status"));
        Assert.Equal("3", answer.Value("payment_authType"));
        Assert.NotEqual("", answer.Value("pay_url"));

        var fields = HtmlForm.Fields(await Client.DecideChallengeAsync(answer, "success"));

        Assert.Equal("-1", fields["payment_status"]);
        Assert.Equal("3", fields["payment_authType"]);
        Assert.Equal("null", fields["pay_url"]);
        Assert.True(Gateway.F3Verifies(fields));
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(1))[0]);
        Assert.Equal("-1", notice.Value("payment_status"));
        Assert.Equal("3", notice.Value("payment_authType"));
        Assert.Equal("", notice.Value("pay_url"));
        Assert.Equal("-1", (await Client.QueryAsync(orderNumber, Gateway.ThreeDsTerminal)).Element("paymentInfo")!.Value("payment_results"));
    }

    [Fact]
    public async Task Complete_PreAuthorisedPayment_Is409NotPending()
    {
        var answer = await Client.PreAuthAsync(Gateway.NewOrderNumber());

        using var response = await Client.CompleteAsync(answer.Value("payment_id"), "success");

        Assert.Equal(409, (int)response.StatusCode);
    }

    [Fact]
    public async Task DirectPay_SameOrderAfterPreAuthorised_Answers20061()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.PreAuthAsync(orderNumber);

        var second = await Client.PreAuthAsync(orderNumber);

        Assert.StartsWith("20061:", second.Value("payment_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalPay_Pre_Answers20021()
    {
        var form = Gateway.Local(Gateway.NewOrderNumber(), "WeChatPay_Web");
        form["ET_NOTES"] = "pre";

        var answer = await Client.PayAsync(Gateway.LocalPay, form.Signed());

        Assert.StartsWith("20021:", answer.Value("payment_details"), StringComparison.Ordinal);
    }
}
