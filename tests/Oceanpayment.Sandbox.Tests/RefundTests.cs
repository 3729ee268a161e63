using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class RefundTests : SandboxWithReceiver
{
    [Fact]
    public async Task ApplyRefund_Full_IsAcceptedUnsignedThenSettlesAndNotifiesF4Signed()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", Receiver.Url)).Value("payment_id");
        await Receiver.WaitForAsync(1);

        var answer = await Client.ApplyRefundAsync(paymentId, "1", "1.00");

        Assert.Equal("response", answer.Name.LocalName);
        Assert.Equal("00", answer.Value("refund_results"));
        Assert.Equal(Gateway.Account, answer.Value("account"));
        Assert.Equal(Gateway.CardTerminal, answer.Value("terminal"));
        Assert.Equal(paymentId, answer.Value("payment_id"));
        Assert.Matches("^[0-9]{18}$", answer.Value("refund_id"));
        Assert.Null(answer.Element("signValue"));
        var refundId = answer.Value("refund_id");
        var settled = await Client.WaitForRefundSettledAsync(refundId);
        var notice = Gateway.ParseNotice((await Receiver.WaitForAsync(2))[1]);

        Assert.Equal("1", settled.Value("refund_status"));
        Assert.Equal(refundId, settled.Value("refund_id"));
        Assert.Equal(paymentId, settled.Value("payment_id"));
        Assert.Equal(orderNumber, settled.Value("order_number"));
        Assert.Equal("1.00", settled.Value("refund_amount"));
        Assert.Equal("USD", settled.Value("refund_currency"));
        Assert.Equal("Refund successful", settled.Value("refund_details"));
        Assert.Equal("response", notice.Name.LocalName);
        Assert.Equal("refund", notice.Value("notice_type"));
        Assert.Equal(Gateway.Account, notice.Value("account"));
        Assert.Equal(Gateway.CardTerminal, notice.Value("terminal"));
        Assert.Equal(orderNumber, notice.Value("order_number"));
        Assert.Equal(paymentId, notice.Value("payment_id"));
        Assert.Matches("^[0-9]{21}$", notice.Value("push_id"));
        Assert.Equal("1", notice.Value("push_status"));
        Assert.Matches("^[^0-9]", notice.Value("push_details"));
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$", notice.Value("push_dateTime"));
        Assert.Equal(refundId, notice.Value("refund_id"));
        Assert.Equal("1.00", notice.Value("refund_amount"));
        Assert.Matches("^[0-9A-F]{64}$", notice.Value("signValue"));
        Assert.True(AfterPayment.F4Verifies(notice));
        Assert.False(AfterPayment.F4Verifies(notice, "wrong"));
    }

    [Fact]
    public async Task QueryRefund_BeforeTheSettleDelay_IsPendingThenSettledByRelease()
    {
        // A settle delay no test run reaches, so "pending" does not depend on how fast the machine is.
        await using var slow = await RunningSandbox.StartAsync(o => o.RefundSettleDelay = TimeSpan.FromMinutes(10));
        var paymentId = (await slow.Client.SaleAsync(Gateway.NewOrderNumber(), "1.00")).Value("payment_id");
        var refundId = (await slow.Client.ApplyRefundAsync(paymentId, "2", "0.30")).Value("refund_id");

        var pending = (await slow.Client.QueryRefundAsync(refundId)).Element("refundInfo")!;
        using var released = await slow.Client.PostAsync($"/sandbox/refunds/{refundId}/release", null);
        var settled = (await slow.Client.QueryRefundAsync(refundId)).Element("refundInfo")!;

        Assert.Equal("-1", pending.Value("refund_status"));
        Assert.Equal("Refund pending", pending.Value("refund_details"));
        Assert.Equal("0.30", pending.Value("refund_amount"));
        Assert.Equal(200, (int)released.StatusCode);
        Assert.Equal("1", settled.Value("refund_status"));
        Assert.Equal("Refund successful", settled.Value("refund_details"));
    }

    [Fact]
    public async Task ApplyRefund_RepeatedPartials_AcceptedUntilTheCapturedAmountThenRefused()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var paymentId = (await Client.SaleAsync(orderNumber, "1.00", Receiver.Url)).Value("payment_id");

        var first = await Client.ApplyRefundAsync(paymentId, "2", "0.40");
        var second = await Client.ApplyRefundAsync(paymentId, "2", "0.40");
        var tooMuch = await Client.ApplyRefundAsync(paymentId, "2", "0.30");
        var fullOfTheRest = await Client.ApplyRefundAsync(paymentId, "1", "0.30");
        var rest = await Client.ApplyRefundAsync(paymentId, "2", "0.20");
        var nothingLeft = await Client.ApplyRefundAsync(paymentId, "2", "0.01");

        Assert.Equal(["00", "00", "06", "07", "00", "06"], new[] { first, second, tooMuch, fullOfTheRest, rest, nothingLeft }.Select(a => a.Value("refund_results")));
        Assert.Equal("", tooMuch.Value("refund_id"));
        Assert.Equal(3, new[] { first, second, rest }.Select(a => a.Value("refund_id")).Distinct().Count());
        var notices = (await Receiver.WaitForAsync(4)).Select(Gateway.ParseNotice).Where(n => n.Value("notice_type") != "transaction").ToList();
        Assert.All(notices, n => Assert.Equal("partialRefund", n.Value("notice_type")));
        Assert.All(notices, n => Assert.True(AfterPayment.F4Verifies(n)));
        Assert.Equal(3, notices.Select(n => n.Value("push_id")).Distinct().Count());
        Assert.Equal(["0.20", "0.40", "0.40"], notices.Select(n => n.Value("refund_amount")).Order());
    }

    [Fact]
    public async Task ApplyRefund_MoreThanPaid_Answers06()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00")).Value("payment_id");

        var answer = await Client.ApplyRefundAsync(paymentId, "2", "1.01");

        Assert.Equal("06", answer.Value("refund_results"));
        Assert.Equal("", answer.Value("refund_id"));
        Assert.NotEqual("", answer.Value("refund_details"));
    }

    [Fact]
    public async Task ApplyRefund_WrongSecureCode_Answers02AndCreatesNothing()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00")).Value("payment_id");

        var answer = await Client.ApplyRefundAsync(paymentId, "2", "0.50", secureCode: "wrong");

        Assert.Equal("02", answer.Value("refund_results"));
        Assert.Equal("", answer.Value("refund_id"));
        Assert.Equal(0, (await Client.GetJsonAsync($"/sandbox/refunds?payment_id={paymentId}")).GetArrayLength());
    }

    [Theory]
    [InlineData("refund_type", "3", "03")]
    [InlineData("refund_amount", "0.5", "03")]
    [InlineData("refund_amount", "0.00", "03")]
    [InlineData("refund_amount", "1", "03")]
    [InlineData("terminal", "99999999", "01")]
    [InlineData("payment_id", "999999999999999999999", "04")]
    public async Task ApplyRefund_BadField_AnswersItsCode(string field, string value, string code)
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00")).Value("payment_id");
        var form = AfterPayment.RefundForm(paymentId, "2", "0.50");
        form[field] = value;
        form["signValue"] = Gateway.Sha256(form["account"] + form["terminal"] + form["payment_id"] + form["refund_type"] + form["refund_amount"] + form["refund_description"] + Gateway.SecureCode);

        var answer = await Client.PayAsync(AfterPayment.ApplyRefundPath, form);

        Assert.Equal(code, answer.Value("refund_results"));
        Assert.Equal("", answer.Value("refund_id"));
    }

    [Fact]
    public async Task ApplyRefund_DeclinedPayment_Answers05()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00", card: "4000000000000002")).Value("payment_id");

        Assert.Equal("05", (await Client.ApplyRefundAsync(paymentId, "1", "1.00")).Value("refund_results"));
    }

    [Fact]
    public async Task ApplyRefund_AuthorisedNotCaptured_Answers05()
    {
        var paymentId = (await Client.PreAuthAsync(Gateway.NewOrderNumber())).Value("payment_id");

        Assert.Equal("05", (await Client.ApplyRefundAsync(paymentId, "2", "1.00")).Value("refund_results"));
    }

    [Fact]
    public async Task QueryRefund_UnknownId_AnswersWithoutRefundInfo()
    {
        var answer = await Client.QueryRefundAsync("999999999999999999");

        Assert.Null(answer.Element("refundInfo"));
        Assert.Equal("0", answer.Value("query_results"));
        Assert.StartsWith("20063:", answer.Value("query_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryRefund_WrongSecureCode_Answers20013WithoutRefundInfo()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00")).Value("payment_id");
        var refundId = (await Client.ApplyRefundAsync(paymentId, "1", "1.00")).Value("refund_id");

        var answer = await Client.QueryRefundAsync(refundId, secureCode: "wrong");

        Assert.Null(answer.Element("refundInfo"));
        Assert.StartsWith("20013:", answer.Value("query_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryRefund_OtherTerminalOfTheAccount_FindsTheRefund()
    {
        var paymentId = (await Client.SaleAsync(Gateway.NewOrderNumber(), "1.00")).Value("payment_id");
        var refundId = (await Client.ApplyRefundAsync(paymentId, "1", "1.00")).Value("refund_id");

        var answer = await Client.QueryRefundAsync(refundId, terminal: Gateway.LocalTerminal);

        Assert.Equal(paymentId, answer.Element("refundInfo")!.Value("payment_id"));
    }
}
