using System.Text.Json;
using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class NoticeTests
{
    [Fact]
    public async Task Notice_ApprovedCard_IsSignedXmlWithResponseRoot()
    {
        await using var receiver = await NoticeReceiver.StartAsync();
        await using var sandbox = await RunningSandbox.StartAsync();
        var form = Gateway.Card(Gateway.NewOrderNumber());
        form["noticeUrl"] = receiver.Url;

        var answer = await sandbox.Client.PayAsync(Gateway.DirectPay, form.Signed());

        var received = (await receiver.WaitForAsync(1))[0];
        Assert.StartsWith("application/xml", received.ContentType, StringComparison.Ordinal);
        var notice = Gateway.ParseNotice(received);
        Assert.Equal("response", notice.Name.LocalName);
        Assert.Equal("transaction", notice.Value("notice_type"));
        Assert.Equal("1", notice.Value("response_type"));
        Assert.Equal(answer.Value("payment_id"), notice.Value("payment_id"));
        Assert.Equal("1", notice.Value("payment_status"));
        Assert.True(Gateway.F3Verifies(notice));
        var record = await WaitForFinishedAsync(sandbox, form["order_number"], 1);
        Assert.True(record[0].GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task Notice_ReceiverFailsTwice_IsRetriedUntilReceiveOk()
    {
        await using var receiver = await NoticeReceiver.StartAsync(failFirst: 2);
        await using var sandbox = await RunningSandbox.StartAsync();
        var orderNumber = await PayWithNoticeAsync(sandbox, receiver);

        var record = (await WaitForFinishedAsync(sandbox, orderNumber, 1))[0];

        Assert.True(record.GetProperty("delivered").GetBoolean());
        var attempts = record.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(500, attempts[0].GetProperty("http_status").GetInt32());
        Assert.Equal("error", attempts[0].GetProperty("response_body").GetString());
        Assert.False(attempts[1].GetProperty("delivered").GetBoolean());
        Assert.True(attempts[2].GetProperty("delivered").GetBoolean());
        Assert.Equal(receiver.Url, attempts[2].GetProperty("target").GetString());
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task Notice_ReceiverNeverAcknowledges_StopsAfterFiveAttempts()
    {
        await using var receiver = await NoticeReceiver.StartAsync(failFirst: 100);
        await using var sandbox = await RunningSandbox.StartAsync();
        var orderNumber = await PayWithNoticeAsync(sandbox, receiver);

        var record = (await WaitForFinishedAsync(sandbox, orderNumber, 1))[0];

        Assert.False(record.GetProperty("delivered").GetBoolean());
        Assert.Equal(5, record.GetProperty("attempts").GetArrayLength());
        Assert.Equal(5, receiver.Received.Count);
    }

    [Theory]
    [InlineData("receive-ok\n")]
    [InlineData("RECEIVE-OK")]
    [InlineData("ok")]
    public async Task Notice_AnswerNotExactlyReceiveOk_CountsAsFailed(string body)
    {
        await using var receiver = await NoticeReceiver.StartAsync(failFirst: 1, failureBody: body, failWithOk: true);
        await using var sandbox = await RunningSandbox.StartAsync();
        var orderNumber = await PayWithNoticeAsync(sandbox, receiver);

        var attempts = (await WaitForFinishedAsync(sandbox, orderNumber, 1))[0].GetProperty("attempts").EnumerateArray().ToList();

        Assert.Equal(2, attempts.Count);
        Assert.Equal(200, attempts[0].GetProperty("http_status").GetInt32());
        Assert.False(attempts[0].GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task Notice_UnreachableTarget_RecordsTheErrorForEachAttempt()
    {
        await using var sandbox = await RunningSandbox.StartAsync(o => o.MaxNoticeAttempts = 2);
        var form = Gateway.Card(Gateway.NewOrderNumber());
        form["noticeUrl"] = "http://127.0.0.1:1/notice";
        await sandbox.Client.PayAsync(Gateway.DirectPay, form.Signed());

        var attempts = (await WaitForFinishedAsync(sandbox, form["order_number"], 1))[0].GetProperty("attempts").EnumerateArray().ToList();

        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(JsonValueKind.Null, a.GetProperty("http_status").ValueKind));
        Assert.All(attempts, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("error").GetString())));
    }

    [Fact]
    public async Task Notice_WithoutNoticeUrl_IsNotSent()
    {
        await using var sandbox = await RunningSandbox.StartAsync();
        var form = Gateway.Card(Gateway.NewOrderNumber()).Signed();

        await sandbox.Client.PayAsync(Gateway.DirectPay, form);

        Assert.Equal(0, (await sandbox.Client.NoticesAsync(form["order_number"])).GetArrayLength());
    }

    internal static async Task<string> PayWithNoticeAsync(RunningSandbox sandbox, NoticeReceiver receiver, Dictionary<string, string>? form = null)
    {
        form ??= Gateway.Card(Gateway.NewOrderNumber());
        form["noticeUrl"] = receiver.Url;
        await sandbox.Client.PayAsync(form["methods"] == "Credit Card" || form["methods"].EndsWith("Pay", StringComparison.Ordinal) ? Gateway.DirectPay : Gateway.LocalPay, form.Signed());
        return form["order_number"];
    }

    internal static async Task<List<JsonElement>> WaitForFinishedAsync(RunningSandbox sandbox, string orderNumber, int count) =>
        (await Poll.UntilAsync(
            () => sandbox.Client.NoticesAsync(orderNumber),
            notices => notices.GetArrayLength() >= count && notices.EnumerateArray().All(n => n.GetProperty("finished").GetBoolean()),
            $"{count} finished notice(s) for {orderNumber}"))
        .EnumerateArray().ToList();
}
