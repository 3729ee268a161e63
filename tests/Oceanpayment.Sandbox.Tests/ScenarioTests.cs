using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class ScenarioTests : SandboxWithReceiver
{
    [Fact]
    public async Task PutScenario_UnknownName_Is400Problem()
    {
        using var response = await Client.PutAsJsonAsync("/sandbox/orders/A1/scenario", new { scenario = "explode" });

        Assert.Equal(400, (int)response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Unknown scenario", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Success_OnWeChatQr_ApprovesAtOnce()
    {
        var answer = await PayAsync(Gateway.Local(Gateway.NewOrderNumber(), "WeChatPay_Web"), "success");

        Assert.Equal("1", answer.Value("payment_status"));
    }

    [Fact]
    public async Task Decline_OnWallet_Answers80022AndNotifies()
    {
        var answer = await PayAsync(Gateway.Wallet(Gateway.NewOrderNumber()), "decline");

        Assert.Equal("0", answer.Value("payment_status"));
        Assert.Equal("80022:Not Sufficient Funds", answer.Value("payment_details"));
        Assert.Equal("0", Gateway.ParseNotice((await Receiver.WaitForAsync(1))[0]).Value("payment_status"));
    }

    [Fact]
    public async Task ThreeDs_OnWallet_AnswersPayUrl()
    {
        var answer = await PayAsync(Gateway.Wallet(Gateway.NewOrderNumber(), "GooglePay"), "3ds");

        Assert.Equal("-1", answer.Value("payment_status"));
        Assert.Equal("2", answer.Value("payment_authType"));
        Assert.NotEqual("", answer.Value("pay_url"));
    }

    [Theory]
    [InlineData("pending-then-success", "4111111111111111", "1")]
    [InlineData("pending-then-fail", "4111111111111111", "0")]
    [InlineData("", "4000000000000044", "1")]
    [InlineData("", "4000000000000051", "0")]
    public async Task PendingThenX_SettlesAfterDelay_ByNoticeAndQuery(string scenario, string card, string finalStatus)
    {
        var orderNumber = Gateway.NewOrderNumber();

        var answer = await PayAsync(Gateway.Card(orderNumber, card), scenario);

        Assert.Equal("-1", answer.Value("payment_status"));
        Assert.Equal("80700:Transaction was not finished", answer.Value("payment_details"));
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(1))[0]);
        Assert.Equal(finalStatus, notice.Value("payment_status"));
        Assert.True(Gateway.F3Verifies(notice));
        Assert.Equal(finalStatus, (await Client.QueryAsync(orderNumber)).Element("paymentInfo")!.Value("payment_results"));
    }

    [Fact]
    public async Task PendingThenSuccess_BeforeTheDelay_QueryIsPending()
    {
        // A resolve delay no test run reaches, so "pending" does not race the 150 ms of the shared sandbox.
        await using var slow = await RunningSandbox.StartAsync(o => o.PendingResolveDelay = TimeSpan.FromMinutes(10));
        var orderNumber = Gateway.NewOrderNumber();
        await slow.Client.SetScenarioAsync(orderNumber, "pending-then-success");
        await slow.Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber).Signed());

        var info = (await slow.Client.QueryAsync(orderNumber)).Element("paymentInfo")!;

        Assert.Equal("-1", info.Value("payment_results"));
        Assert.Equal("80700:Transaction was not finished", info.Value("payment_details"));
    }

    [Fact]
    public async Task PendingForever_StaysPendingUntilCompleted()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var answer = await PayAsync(Gateway.Card(orderNumber), "pending-forever");

        await Task.Delay(450); // three times the test's PendingResolveDelay

        Assert.Equal("-1", (await Client.TransactionAsync(orderNumber)).GetProperty("status").GetString());
        using var completed = await Client.CompleteAsync(answer.Value("payment_id"), "success");
        completed.EnsureSuccessStatusCode();
        Assert.Equal("1", (await Client.TransactionAsync(orderNumber)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TimeoutAfterCommit_ClientGivesUp_PaymentIsCommittedAndNotified()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber());
        form["noticeUrl"] = Receiver.Url;
        await Client.SetScenarioAsync(form["order_number"], "timeout-after-commit");
        using var impatient = new HttpClient { BaseAddress = Sandbox.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.PostFormAsync(Gateway.DirectPay, form.Signed()));

        Assert.Equal("1", (await Client.TransactionAsync(form["order_number"])).GetProperty("status").GetString());
        Assert.Equal("1", (await Client.QueryAsync(form["order_number"])).Element("paymentInfo")!.Value("payment_results"));
        Assert.Equal("1", Gateway.ParseNotice((await Receiver.WaitForAsync(1))[0]).Value("payment_status"));
    }

    [Fact]
    public async Task TimeoutAfterCommit_PatientClient_GetsTheAnswerAfterTheDelay()
    {
        await using var sandbox = await RunningSandbox.StartAsync(o => o.TimeoutAfterCommitDelay = TimeSpan.FromMilliseconds(300));
        var form = Gateway.Card(Gateway.NewOrderNumber());
        await sandbox.Client.SetScenarioAsync(form["order_number"], "timeout-after-commit");
        var started = DateTime.UtcNow;

        var answer = await sandbox.Client.PayAsync(Gateway.DirectPay, form.Signed());

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250));
        Assert.Equal("1", answer.Value("payment_status"));
    }

    [Fact]
    public async Task ServerError_Answers500AndCommitsNothing()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber());
        await Client.SetScenarioAsync(form["order_number"], "server-error");

        using var response = await Client.PostFormAsync(Gateway.DirectPay, form.Signed());

        Assert.Equal(500, (int)response.StatusCode);
        var order = await Client.GetJsonAsync($"/sandbox/orders/{form["order_number"]}");
        Assert.Equal(1, order.GetProperty("payment_requests").GetInt32());
        Assert.Equal(0, order.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task MalformedXml_AnswerDoesNotParseButPaymentIsCommitted()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber());
        await Client.SetScenarioAsync(form["order_number"], "malformed-xml");

        using var response = await Client.PostFormAsync(Gateway.DirectPay, form.Signed());

        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<XmlException>(() => XDocument.Parse(body));
        Assert.Equal("1", (await Client.TransactionAsync(form["order_number"])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BadSignature_AnswerFailsVerificationButNoticeIsSignedRight()
    {
        var answer = await PayAsync(Gateway.Card(Gateway.NewOrderNumber()), "bad-signature");

        Assert.Equal("1", answer.Value("payment_status"));
        Assert.Matches("^[0-9A-F]{64}$", answer.Value("signValue"));
        Assert.False(Gateway.F3Verifies(answer));
        Assert.True(Gateway.F3Verifies(Gateway.ParseNotice((await Receiver.WaitForAsync(1))[0])));
    }

    [Fact]
    public async Task DuplicateNotices_SendsEachNoticeThreeTimes()
    {
        await PayAsync(Gateway.Card(Gateway.NewOrderNumber()), "duplicate-notices");

        var received = await Receiver.WaitForAsync(3);

        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task NoticeOutOfOrder_StalePendingArrivesAfterFinal()
    {
        await PayAsync(Gateway.Local(Gateway.NewOrderNumber(), "Alipay_Web"), "notice-out-of-order", complete: true);

        var received = await Receiver.WaitForAsync(2);

        var first = Gateway.ParseNotice(received[0]);
        var second = Gateway.ParseNotice(received[1]);
        Assert.Equal("1", first.Value("payment_status"));
        Assert.Equal("-1", second.Value("payment_status"));
        Assert.Equal(first.Value("payment_id"), second.Value("payment_id"));
        Assert.True(Gateway.F3Verifies(second));
    }

    [Fact]
    public async Task NoNotice_ApprovesWithoutAnyNotice()
    {
        var orderNumber = Gateway.NewOrderNumber();

        var answer = await PayAsync(Gateway.Card(orderNumber), "no-notice");

        Assert.Equal("1", answer.Value("payment_status"));
        // Notices are recorded before the answer is written, so an empty list here is final.
        Assert.Equal(0, (await Client.NoticesAsync(orderNumber)).GetArrayLength());
    }

    [Fact]
    public async Task DeleteScenario_RestoresDefaultBehaviour()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber());
        await Client.SetScenarioAsync(form["order_number"], "decline");

        using var deleted = await Client.DeleteAsync($"/sandbox/orders/{form["order_number"]}/scenario");
        var answer = await Client.PayAsync(Gateway.DirectPay, form.Signed());

        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Equal("1", answer.Value("payment_status"));
    }

    private async Task<XElement> PayAsync(Dictionary<string, string> form, string scenario, bool complete = false)
    {
        if (scenario.Length > 0)
        {
            await Client.SetScenarioAsync(form["order_number"], scenario);
        }

        form["noticeUrl"] = Receiver.Url;
        var path = form["terminal"] == Gateway.LocalTerminal ? Gateway.LocalPay : Gateway.DirectPay;
        var answer = await Client.PayAsync(path, form.Signed());
        if (complete)
        {
            using var response = await Client.CompleteAsync(answer.Value("payment_id"), "success");
            response.EnsureSuccessStatusCode();
        }

        return answer;
    }
}
