using System.Text;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Tests.Messages;

public sealed class GatewayXmlTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("response")]
    [InlineData("respon")]
    [InlineData("anything")]
    public void ParseMessage_AnyRootName_ReadsChildren(string root)
    {
        var result = GatewayXml.ParseMessage(Utf8($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{root}><account>995149</account><order_notes /></{root}>"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("995149", result.Value["account"]);
        Assert.Equal(string.Empty, result.Value["order_notes"]);
        Assert.True(result.Value.Contains("order_notes"));
        Assert.Equal(string.Empty, result.Value["missing_field"]);
        Assert.False(result.Value.Contains("missing_field"));
    }

    [Fact]
    public void ParseMessage_SeedGooglePayNotice_ReadsTypedFields()
    {
        var result = GatewayXml.ParseMessage(File.ReadAllBytes("Fixtures/seed-googlepay-3ds-notice.xml"));

        Assert.True(result.Succeeded, result.Error);
        var payment = PaymentResult.From(result.Value, ResultSource.Notice);
        Assert.Equal(GatewayPaymentStatus.Pending, payment.Status);
        Assert.Equal(AuthType.ThreeDSecurePreAuthorisation, payment.AuthType);
        Assert.Equal(("80093", "3D Authorized Service not completed"), (payment.Details.Code, payment.Details.Text));
        Assert.StartsWith("https://test-secure.oceanpayment.com:443/gateway/direct/redirect", payment.PayUrl, StringComparison.Ordinal);
        Assert.Equal("D6315600AE0002C1468DC9B943E17E90B314E73581393ABC332B92985E41B100", payment.Message.SignValue);
        Assert.Equal(GatewayOutcome.RequiresAction, OutcomeClassifier.Classify(payment));
        Assert.Empty(payment.Extras);
    }

    [Fact]
    public void ParseMessage_SeedWeChatAnswer_KeepsBarCodeAndUnknownElements()
    {
        var result = GatewayXml.ParseMessage(File.ReadAllBytes("Fixtures/seed-wechat-qr-answer.xml"));

        Assert.True(result.Succeeded, result.Error);
        var payment = PaymentResult.From(result.Value, ResultSource.PaymentAnswer);
        Assert.Equal("weixin://wxpay/bizpayurl?pr=v3WOyi0zz", payment.PayBarCode);
        Assert.Equal(GatewayOutcome.Pending, OutcomeClassifier.Classify(payment));
        Assert.True(payment.Extras.ContainsKey("payment_bankInfo"));
    }

    [Fact]
    public void ParseMessage_WhitespaceOnlyValue_IsKeptAsSent()
    {
        var result = GatewayXml.ParseMessage(Utf8("<response>\n  <order_notes>  </order_notes>\n  <account>995149</account>\n</response>"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("  ", result.Value["order_notes"]);
    }

    [Fact]
    public void ParseMessage_EscapedAndCdataText_IsDecoded()
    {
        var result = GatewayXml.ParseMessage(Utf8("<response><order_notes>a &amp; b</order_notes><payment_details><![CDATA[80000:<ok>]]></payment_details></response>"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("a & b", result.Value["order_notes"]);
        Assert.Equal("80000:<ok>", result.Value["payment_details"]);
    }

    [Theory]
    [InlineData("<!DOCTYPE response [<!ENTITY x \"y\">]><response><account>&x;</account></response>")]
    [InlineData("<!DOCTYPE response SYSTEM \"http://127.0.0.1/evil.dtd\"><response><account>1</account></response>")]
    [InlineData("<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><response><account>&xxe;</account></response>")]
    [InlineData("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><response><account>&b;</account></response>")]
    public void ParseMessage_Dtd_IsRejected(string xml)
    {
        var result = GatewayXml.ParseMessage(Utf8(xml));

        Assert.False(result.Succeeded);
        Assert.DoesNotContain("root:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMessage_DuplicateElement_IsRejected()
    {
        var result = GatewayXml.ParseMessage(Utf8("<response><payment_status>0</payment_status><payment_status>1</payment_status></response>"));

        Assert.False(result.Succeeded);
        Assert.Contains("payment_status", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMessage_OversizedDocument_IsRejected()
    {
        var padding = new string('a', GatewayXml.DefaultMaxBytes);
        var result = GatewayXml.ParseMessage(Utf8($"<response><order_notes>{padding}</order_notes></response>"));

        Assert.False(result.Succeeded);
        Assert.Contains("larger", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMessage_JustUnderTheCap_IsAccepted()
    {
        var padding = new string('a', GatewayXml.DefaultMaxBytes - 100);
        var result = GatewayXml.ParseMessage(Utf8($"<response><order_notes>{padding}</order_notes></response>"));

        Assert.True(result.Succeeded, result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<response><account>1</account>")]
    [InlineData("<response><account><nested>1</nested></account></response>")]
    [InlineData("<response>stray text<account>1</account></response>")]
    [InlineData("<response><account>1</account></response><response/>")]
    public void ParseMessage_Malformed_IsAnErrorNotAnException(string xml)
        => Assert.False(GatewayXml.ParseMessage(Utf8(xml)).Succeeded);

    [Fact]
    public async Task ReadCappedAsync_StreamOverCap_IsRejected()
    {
        using var stream = new MemoryStream(new byte[GatewayXml.DefaultMaxBytes + 1]);

        var result = await GatewayXml.ReadCappedAsync(stream);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void QueryAnswer_SeveralBlocks_PicksASuccessElseByPaymentIdElseNewest()
    {
        const string xml = """
            <response>
              <account>995149</account>
              <paymentInfo><order_number>NO1</order_number><order_currency>USD</order_currency><order_amount>1.00</order_amount><payment_id>222</payment_id><payment_results>1</payment_results><payment_details>80000:Approved</payment_details></paymentInfo>
              <paymentInfo><order_number>NO1</order_number><order_currency>USD</order_currency><order_amount>1.00</order_amount><payment_id>111</payment_id><payment_results>0</payment_results><payment_details>80022:Not Sufficient Funds</payment_details></paymentInfo>
              <paymentInfo><order_number>NO2</order_number><order_currency>USD</order_currency><order_amount>2.00</order_amount><payment_id>333</payment_id><payment_results>7</payment_results></paymentInfo>
            </response>
            """;

        var answer = QueryAnswer.Parse(Utf8(xml));

        Assert.True(answer.Succeeded, answer.Error);
        Assert.Equal(3, answer.Value.Payments.Count);
        // A success for the order wins whichever attempt the payment recorded: money was taken.
        Assert.Equal("222", answer.Value.Pick("NO1", "111")!.PaymentId);
        Assert.Equal("222", answer.Value.Pick("NO1", null)!.PaymentId);
        Assert.Equal(GatewayPaymentStatus.Failure, answer.Value.Pick("NO2", null)!.Status); // any other value is failed
        Assert.Null(answer.Value.Pick("NO3", null));
    }

    [Fact]
    public void QueryAnswer_NoSuccess_PicksByPaymentIdElseNewest()
    {
        const string xml = """
            <response>
              <paymentInfo><order_number>NO1</order_number><payment_id>222</payment_id><payment_results>-1</payment_results></paymentInfo>
              <paymentInfo><order_number>NO1</order_number><payment_id>111</payment_id><payment_results>0</payment_results></paymentInfo>
            </response>
            """;

        var answer = QueryAnswer.Parse(Utf8(xml)).Value!;

        Assert.Equal("111", answer.Pick("NO1", "111")!.PaymentId);
        Assert.Equal("222", answer.Pick("NO1", null)!.PaymentId);
        Assert.Equal("222", answer.Pick("NO1", "999")!.PaymentId);
    }

    [Fact]
    public void QueryAnswer_DuplicateFieldInsideBlock_IsRejected()
        => Assert.False(QueryAnswer.Parse(Utf8("<response><paymentInfo><payment_id>1</payment_id><payment_id>2</payment_id></paymentInfo></response>")).Succeeded);
}
