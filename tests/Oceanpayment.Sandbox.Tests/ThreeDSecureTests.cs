using System.Xml.Linq;
using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class ThreeDSecureTests : SandboxWithReceiver
{
    [Fact]
    public async Task DirectPay_ThreeDsCard_AnswersPendingWithPayUrl()
    {
        var answer = await PayAsync(Gateway.Card(Gateway.NewOrderNumber(), "4000000000003220"));

        Assert.Equal("-1", answer.Value("payment_status"));
        Assert.Equal("2", answer.Value("payment_authType"));
        Assert.Equal("", answer.Value("payment_details"));
        Assert.StartsWith(new Uri(Sandbox.BaseAddress, "/gateway/direct/redirect?pay_id=").ToString(), answer.Value("pay_url"), StringComparison.Ordinal);
        Assert.True(Gateway.F3Verifies(answer));
        Assert.Equal(0, (await Client.NoticesAsync(answer.Value("order_number"))).GetArrayLength());
    }

    [Fact]
    public async Task DirectPay_ThreeDsTerminal_ChallengesAnOrdinaryCard()
    {
        var answer = await PayAsync(Gateway.Card(Gateway.NewOrderNumber(), terminal: Gateway.ThreeDsTerminal));

        Assert.Equal("-1", answer.Value("payment_status"));
        Assert.NotEqual("", answer.Value("pay_url"));
    }

    [Fact]
    public async Task ChallengePage_Get_ShowsApproveAndFailButtons()
    {
        var answer = await PayAsync(Gateway.Card(Gateway.NewOrderNumber(), "4000000000003220"));

        var html = await Client.GetStringAsync(answer.Value("pay_url"));

        Assert.Contains("value=\"success\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"fail\"", html, StringComparison.Ordinal);
        Assert.Contains("400000****3220", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengePage_UnknownPayId_Is404()
    {
        using var response = await Client.GetAsync("/gateway/direct/redirect?pay_id=nope");

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task ChallengePage_Approve_PostsSignedResultToBackUrlAndSendsNotice()
    {
        var answer = await PayAsync(Gateway.Card(Gateway.NewOrderNumber(), "4000000000003220"));

        var html = await DecideAsync(answer, "success");

        Assert.Equal("https://shop.example/back", HtmlForm.Action(html));
        var fields = HtmlForm.Fields(html);
        Assert.Equal("0", fields["response_type"]);
        Assert.Equal("1", fields["payment_status"]);
        Assert.Equal("2", fields["payment_authType"]);
        Assert.Equal(answer.Value("payment_id"), fields["payment_id"]);
        Assert.Equal("null", fields["payment_amount"]);
        Assert.Equal("null", fields["payment_exchangeRate"]);
        Assert.Equal("null", fields["pay_userId"]);
        Assert.Equal("", fields["order_notes"]);
        Assert.True(Gateway.F3Verifies(fields));
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(1))[0]);
        Assert.Equal("1", notice.Value("payment_status"));
        Assert.Equal("1", notice.Value("response_type"));
    }

    [Fact]
    public async Task ChallengePage_Fail_Posts80091()
    {
        var answer = await PayAsync(Gateway.Card(Gateway.NewOrderNumber(), "4000000000003220"));

        var fields = HtmlForm.Fields(await DecideAsync(answer, "fail"));

        Assert.Equal("0", fields["payment_status"]);
        Assert.StartsWith("80091:", fields["payment_details"], StringComparison.Ordinal);
        Assert.True(Gateway.F3Verifies(fields));
    }

    [Fact]
    public async Task ChallengePage_SecondDecision_KeepsTheFirstResult()
    {
        var answer = await PayAsync(Gateway.Card(Gateway.NewOrderNumber(), "4000000000003220"));
        await DecideAsync(answer, "success");

        var fields = HtmlForm.Fields(await DecideAsync(answer, "fail"));

        Assert.Equal("1", fields["payment_status"]);
        Assert.Equal("1", (await Client.TransactionAsync(answer.Value("order_number"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BackUrlForm_HostileOrderNotes_AreHtmlEncodedAndStillSigned()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber(), "4000000000003220");
        form["order_notes"] = "\"><script>alert(1)</script>";
        var answer = await PayAsync(form);

        var html = await DecideAsync(answer, "success");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        var fields = HtmlForm.Fields(html);
        Assert.Equal("\"><script>alert(1)</script>", fields["order_notes"]);
        Assert.True(Gateway.F3Verifies(fields));
    }

    [Fact]
    public async Task CompleteEndpoint_ThreeDsPayment_SettlesItAndSendsNotice()
    {
        var answer = await PayAsync(Gateway.Card(Gateway.NewOrderNumber(), "4000000000003220"));

        using var response = await Client.CompleteAsync(answer.Value("payment_id"), "success");

        response.EnsureSuccessStatusCode();
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(1))[0]);
        Assert.Equal("1", notice.Value("payment_status"));
        Assert.Equal("2", notice.Value("payment_authType"));
        Assert.True(Gateway.F3Verifies(notice));
    }

    private async Task<XElement> PayAsync(Dictionary<string, string> form)
    {
        form["noticeUrl"] = Receiver.Url;
        return await Client.PayAsync(Gateway.DirectPay, form.Signed());
    }

    private Task<string> DecideAsync(XElement answer, string outcome) => Client.DecideChallengeAsync(answer, outcome);
}
