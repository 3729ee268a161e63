using System.Text.RegularExpressions;
using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class PayEndpointTests : IAsyncLifetime
{
    private RunningSandbox _sandbox = null!;

    private HttpClient Client => _sandbox.Client;

    public async Task InitializeAsync() => _sandbox = await RunningSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task DirectPay_HandBuiltS1Request_IsApprovedWithSignedAnswer()
    {
        // Every test gets a fresh sandbox, so the vector's own order number is free here.
        var form = Gateway.Card("NO12345678");
        form["signValue"] = "1207df556240d2c70c63f89d978a5dbfcaa3c9780c8c6bd36779bf526ca10342";

        var answer = await Client.PayAsync(Gateway.DirectPay, form);

        Assert.Equal("respon", answer.Name.LocalName);
        Assert.Equal("1", answer.Value("payment_status"));
        Assert.Equal("80000:Transaction Approved", answer.Value("payment_details"));
        Assert.Equal("411111****1111", answer.Value("card_number"));
        Assert.Matches("^[0-9]{21}$", answer.Value("payment_id"));
        Assert.Matches("^[0-9A-F]{64}$", answer.Value("signValue"));
        Assert.True(Gateway.F3Verifies(answer));
        Assert.Equal("", answer.Value("pay_url"));
    }

    [Fact]
    public async Task DirectPay_WrongSignature_AnswersSigned20013()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber()).Signed(secureCode: "wrong-code");

        var answer = await Client.PayAsync(Gateway.DirectPay, form);

        Assert.Equal("0", answer.Value("payment_status"));
        Assert.Equal("20013:Incorrect sign value", answer.Value("payment_details"));
        Assert.True(Gateway.F3Verifies(answer));
        Assert.Empty((await Client.GetJsonAsync($"/sandbox/transactions?order_number={form["order_number"]}")).EnumerateArray());
    }

    [Theory]
    [InlineData("995149", "99514999", "20002:Invalid terminal")]
    [InlineData("123456", "99514901", "20001:Invalid account")]
    [InlineData("", "99514901", "20001:Invalid account")]
    public async Task DirectPay_UnknownAccountOrTerminal_AnswersUnsignedFailure(string account, string terminal, string expected)
    {
        var form = Gateway.Card(Gateway.NewOrderNumber());
        form["account"] = account;
        form["terminal"] = terminal;
        form.Signed();

        var answer = await Client.PayAsync(Gateway.DirectPay, form);

        Assert.Equal("0", answer.Value("payment_status"));
        Assert.Equal(expected, answer.Value("payment_details"));
        Assert.Equal("", answer.Value("signValue"));
    }

    [Theory]
    [InlineData("order_amount", "0", "20006")]
    [InlineData("order_amount", "1.234", "20006")]
    [InlineData("order_amount", "12345678901", "20006")]
    [InlineData("order_currency", "usd", "20005")]
    [InlineData("order_number", "", "20004")]
    [InlineData("order_number", "A,B", "20004")]
    [InlineData("billing_firstName", "", "20007")]
    [InlineData("billing_firstName", "O'Brien", "20007")]
    [InlineData("billing_lastName", " test", "20008")]
    [InlineData("billing_email", "not-an-email", "20009")]
    [InlineData("billing_country", "", "20010")]
    [InlineData("billing_state", "", "20011")]
    [InlineData("backUrl", "", "20012")]
    [InlineData("noticeUrl", "ftp://shop.example/notice", "20012")]
    [InlineData("card_number", "4111111111111112", "20014")]
    [InlineData("card_number", "41111111", "20014")]
    [InlineData("card_month", "13", "20015")]
    [InlineData("card_year", "2001", "20015")]
    [InlineData("card_secureCode", "12", "20016")]
    [InlineData("billing_phone", "call me", "20018")]
    [InlineData("billing_ip", "999.1.1.1", "20019")]
    [InlineData("methods", "WeChatPay_Web", "20003")]
    [InlineData("ET_NOTES", "authorise", "20021")]
    public async Task DirectPay_InvalidField_AnswersSignedValidationCode(string field, string value, string expectedCode)
    {
        var form = Gateway.Card(Gateway.NewOrderNumber());
        form[field] = value;
        form.Signed();

        var answer = await Client.PayAsync(Gateway.DirectPay, form);

        Assert.Equal("0", answer.Value("payment_status"));
        Assert.StartsWith(expectedCode + ":", answer.Value("payment_details"), StringComparison.Ordinal);
        Assert.Equal("", answer.Value("payment_id"));
        Assert.True(Gateway.F3Verifies(answer));
    }

    [Theory]
    [InlineData("USD", "205", "205.00")]
    [InlineData("JPY", "615", "615.00")]
    [InlineData("EUR", "10.5", "10.50")]
    public async Task DirectPay_Amount_ComesBackWithTwoDecimalsAndIsSignedSo(string currency, string amount, string expected)
    {
        var form = Gateway.Card(Gateway.NewOrderNumber());
        form["order_currency"] = currency;
        form["order_amount"] = amount;

        var answer = await Client.PayAsync(Gateway.DirectPay, form.Signed());

        Assert.Equal(expected, answer.Value("order_amount"));
        Assert.True(Gateway.F3Verifies(answer));
        Assert.Equal(expected, (await Client.TransactionAsync(form["order_number"])).GetProperty("amount").GetString());
    }

    [Fact]
    public async Task DirectPay_DeclineCard_Answers80022()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber(), "4000000000000002").Signed();

        var answer = await Client.PayAsync(Gateway.DirectPay, form);

        Assert.Equal("0", answer.Value("payment_status"));
        Assert.Equal("80022:Not Sufficient Funds", answer.Value("payment_details"));
        Assert.Matches("^[0-9]{21}$", answer.Value("payment_id"));
    }

    [Fact]
    public async Task DirectPay_ReusedOrderNumberAfterSuccess_Answers20061WithoutNewCharge()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var first = await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber).Signed());

        var second = await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber).Signed());

        Assert.Equal("1", first.Value("payment_status"));
        Assert.Equal("0", second.Value("payment_status"));
        Assert.Equal("20061:Duplicate order number", second.Value("payment_details"));
        Assert.True(Gateway.F3Verifies(second));
        var transactions = (await Client.GetJsonAsync($"/sandbox/transactions?order_number={orderNumber}")).EnumerateArray().ToList();
        Assert.Single(transactions);
        Assert.Equal(2, transactions[0].GetProperty("payment_requests").GetInt32());
    }

    [Fact]
    public async Task DirectPay_ReusedOrderNumberAfterDecline_CreatesSecondAttempt()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber, "4000000000000002").Signed());

        var second = await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber).Signed());

        Assert.Equal("1", second.Value("payment_status"));
        Assert.Equal(2, (await Client.GetJsonAsync($"/sandbox/transactions?order_number={orderNumber}")).GetArrayLength());
    }

    [Fact]
    public async Task DirectPay_CardData_IsApprovedWithoutCardNumber()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber());
        form.Remove("card_number");
        form.Remove("card_month");
        form.Remove("card_year");
        form.Remove("card_secureCode");
        form["card_data"] = "encrypted-blob-from-the-card-script";

        var answer = await Client.PayAsync(Gateway.DirectPay, form.Signed());

        Assert.Equal("1", answer.Value("payment_status"));
        Assert.Equal("", answer.Value("card_number"));
    }

    [Theory]
    [InlineData("ApplePay")]
    [InlineData("GooglePay")]
    public async Task DirectPay_WalletToken_IsApproved(string methods)
    {
        var answer = await Client.PayAsync(Gateway.DirectPay, Gateway.Wallet(Gateway.NewOrderNumber(), methods).Signed());

        Assert.Equal("1", answer.Value("payment_status"));
        Assert.Equal(methods, answer.Value("methods"));
        Assert.True(Gateway.F3Verifies(answer));
    }

    [Fact]
    public async Task DirectPay_WalletWithoutToken_Answers20017()
    {
        var form = Gateway.Wallet(Gateway.NewOrderNumber());
        form["pay_accountNumber"] = "";

        var answer = await Client.PayAsync(Gateway.DirectPay, form.Signed());

        Assert.StartsWith("20017:", answer.Value("payment_details"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WeChatPay_Web", "^weixin://wxpay/bizpayurl\\?pr=[A-Za-z0-9]{9}$")]
    [InlineData("Alipay_Web", "^https://qr\\.alipay\\.com/")]
    [InlineData("FPS", "^000201010212")]
    public async Task DirectServicePay_QrMethod_IsPendingWithBarCode(string methods, string barCodePattern)
    {
        var answer = await Client.PayAsync(Gateway.LocalPay, Gateway.Local(Gateway.NewOrderNumber(), methods).Signed());

        Assert.Equal("respon", answer.Name.LocalName);
        Assert.Equal("-1", answer.Value("payment_status"));
        Assert.Matches(new Regex(barCodePattern), answer.Value("pay_barCode"));
        Assert.Equal("", answer.Value("card_number"));
        Assert.True(Gateway.F3Verifies(answer));
    }

    [Theory]
    [InlineData("WeChatPay_MPro", "paySign")]
    [InlineData("WeChatPay_APP", "package")]
    [InlineData("Alipay_MPro", "tradeNO")]
    [InlineData("Alipay_APP", "orderStr")]
    public async Task DirectServicePay_SdkMethod_CarriesUnsignedSdkParameters(string methods, string element)
    {
        var answer = await Client.PayAsync(Gateway.LocalPay, Gateway.Local(Gateway.NewOrderNumber(), methods).Signed());

        Assert.Equal("-1", answer.Value("payment_status"));
        Assert.NotEqual("", answer.Value(element));
        Assert.Equal("", answer.Value("pay_barCode"));
        Assert.True(Gateway.F3Verifies(answer));
    }

    [Fact]
    public async Task DirectServicePay_CardMethod_Answers20003()
    {
        var answer = await Client.PayAsync(Gateway.LocalPay, Gateway.Card(Gateway.NewOrderNumber(), terminal: Gateway.LocalTerminal).Signed());

        Assert.StartsWith("20003:", answer.Value("payment_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectPay_LocalTerminalForCard_Answers20003()
    {
        var answer = await Client.PayAsync(Gateway.DirectPay, Gateway.Card(Gateway.NewOrderNumber(), terminal: Gateway.LocalTerminal).Signed());

        Assert.StartsWith("20003:", answer.Value("payment_details"), StringComparison.Ordinal);
    }
}
