using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Tests.Requests;

public sealed class GatewayRequestsTests
{
    private static readonly SecureCode MadeUp = SecureCode.From("Ab12Cd34Ef56");

    internal static GatewayPaymentRequest CardRequest(string firstName = "test", PaymentInstrument? instrument = null) => new()
    {
        Account = "995149",
        Route = MethodCatalogue.Default.RouteOn(PaymentMethod.Card, "99514901"),
        OrderNumber = "NO12345678",
        Amount = new Money(1, Currency.Parse("USD")),
        BackUrl = "https://shop.example/api/oceanpayment/return",
        NoticeUrl = "https://shop.example/api/oceanpayment/notice",
        Billing = new BillingDetails { FirstName = firstName, LastName = "test", Email = "test@gmail.com", Country = "US", State = "CA" },
        Instrument = instrument ?? new CardInstrument("4111111111111111", "12", "2030", "123"),
    };

    [Fact]
    public void Payment_S1bValues_SignsLikeTheVector()
    {
        var form = GatewayRequests.Payment(CardRequest(), MadeUp);

        var parsed = GatewayForm.Parse(form.Encode()).Value!;
        Assert.Equal("a7d0387a3e25eaab2c95a9e05aa76f5bc12a56ac00fa6bfdd96e4bb39e600f17", parsed.SignValue);
        Assert.Equal("Credit Card", parsed["methods"]);
        Assert.Equal("0.01", parsed["order_amount"]);
        Assert.Equal("4111111111111111", parsed["card_number"]);
    }

    [Fact]
    public void Payment_S9_CleansTheFirstNameBeforeSigning()
    {
        var form = GatewayRequests.Payment(CardRequest(firstName: "  O'Brien "), MadeUp);

        var parsed = GatewayForm.Parse(form.Encode()).Value!;
        Assert.Equal("OBrien", parsed["billing_firstName"]);
        Assert.Equal("897f4330b5578fb333ad6d81933ca7d879cf4df1e96d53e116426f8b18f0ceb6", parsed.SignValue);
    }

    [Fact]
    public void Payment_BackUrlSwitch_ChangesTheSignature()
    {
        var plain = GatewayForm.Parse(GatewayRequests.Payment(CardRequest(), MadeUp).Encode()).Value!;
        var withBackUrl = GatewayForm.Parse(GatewayRequests.Payment(CardRequest(), MadeUp, signBackUrl: true).Encode()).Value!;

        Assert.NotEqual(plain.SignValue, withBackUrl.SignValue);
        Assert.True(Signer.Verify(SignatureKind.Payment, n => withBackUrl[n], withBackUrl.SignValue, MadeUp, includeBackUrl: true));
    }

    [Fact]
    public void Payment_Invalid_ThrowsWithoutEchoingCardData()
    {
        var request = CardRequest(instrument: new CardInstrument("4111111111111112", "13", "30", "12345"));

        var error = Assert.Throws<ArgumentException>(() => GatewayRequests.Payment(request, MadeUp));

        Assert.DoesNotContain("4111111111111112", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12345", error.Message, StringComparison.Ordinal);
        Assert.Contains("card_number", error.Message, StringComparison.Ordinal);
        Assert.Contains("card_month", error.Message, StringComparison.Ordinal);
        Assert.Contains("card_year", error.Message, StringComparison.Ordinal);
        Assert.Contains("card_secureCode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_ManyOrders_JoinsWithCommasAndSignsF6()
    {
        var form = GatewayRequests.Query("995149", "99514901", ["NO1", "NO2"], MadeUp);

        var parsed = GatewayForm.Parse(form.Encode()).Value!;
        Assert.Equal("NO1,NO2", parsed["order_number"]);
        Assert.True(Signer.Verify(SignatureKind.Query, n => parsed[n], parsed.SignValue, MadeUp));
    }

    [Fact]
    public void Query_S5_MatchesTheVector()
    {
        var parsed = GatewayForm.Parse(GatewayRequests.Query("995149", "99514901", ["NO12345678"], MadeUp).Encode()).Value!;

        Assert.Equal("565a17fa70adfd7c9ea3df444833840cbf8712709c7c1c7c61d9aa0124105074", parsed.SignValue);
    }

    [Fact]
    public void Query_MoreThan100Orders_IsRefused()
        => Assert.Throws<ArgumentException>(() => GatewayRequests.Query("995149", "99514901", Enumerable.Range(0, 101).Select(i => $"NO{i}").ToList(), MadeUp));

    [Fact]
    public void Refund_S6_MatchesTheVector()
    {
        var form = GatewayRequests.Refund("995149", "99514901", "231115103045123010521", "2", new Money(1, Currency.Parse("USD")), "Customer request", MadeUp);

        Assert.Equal("e93fd87165d4e24386a5dba07c71271dadb3dcd8020a63d87c278b54fb16032f", GatewayForm.Parse(form.Encode()).Value!.SignValue);
    }

    [Fact]
    public void CaptureAndVoid_SignTheirFieldOrders()
    {
        var capture = GatewayForm.Parse(GatewayRequests.Capture("995149", "99514901", "231115103045123010521", new Money(1, Currency.Parse("USD")), MadeUp).Encode()).Value!;
        var voided = GatewayForm.Parse(GatewayRequests.Void("995149", "99514901", "231115103045123010521", MadeUp).Encode()).Value!;
        var refundQuery = GatewayForm.Parse(GatewayRequests.RefundQuery("995149", "99514901", "R1", MadeUp).Encode()).Value!;

        Assert.Equal(Hex("995149995149012311151030451230105211" + "0.01Ab12Cd34Ef56"), capture.SignValue);
        Assert.Equal(Hex("995149995149012311151030451230105212Ab12Cd34Ef56"), voided.SignValue);
        Assert.Equal(Hex("99514999514901R1Ab12Cd34Ef56"), refundQuery.SignValue);
    }

    [Fact]
    public void Payment_WeChatWeb_HasNoInstrumentAndUsesDirectService()
    {
        var request = CardRequest() with { Route = MethodCatalogue.Default.RouteOn(PaymentMethod.WeChatPayWeb, "99514903"), Instrument = null };

        var parsed = GatewayForm.Parse(GatewayRequests.Payment(request, MadeUp).Encode()).Value!;

        Assert.Equal("WeChatPay_Web", parsed["methods"]);
        Assert.Equal("99514903", parsed["terminal"]);
        Assert.False(parsed.Contains("card_number"));
        Assert.Equal("/gateway/directservice/pay", request.Route.Path);
    }

    [Fact]
    public void Validate_LocalMethodWithCard_IsRefused()
    {
        var request = CardRequest() with { Route = MethodCatalogue.Default.RouteOn(PaymentMethod.AlipayWeb, "99514903") };

        Assert.Contains(RequestValidator.Validate(request), e => e.Field == "methods");
    }

    [Fact]
    public void Validate_WalletWithoutToken_IsRefused()
    {
        var request = CardRequest() with { Route = MethodCatalogue.Default.RouteOn(PaymentMethod.ApplePay, "99514901"), Instrument = null };

        Assert.Contains(RequestValidator.Validate(request), e => e.Field == "pay_accountNumber");
    }

    [Theory]
    [InlineData("")]
    [InlineData("NO 1")]
    [InlineData("NO<1>")]
    [InlineData("123456789012345678901234567890123456789012345678901")]
    public void Validate_BadOrderNumber_IsRefused(string orderNumber)
        => Assert.Contains(RequestValidator.Validate(CardRequest() with { OrderNumber = orderNumber }), e => e.Field == "order_number");

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("a@b")]
    [InlineData("a b@c.de")]
    public void Validate_BadEmail_IsRefused(string email)
    {
        var request = CardRequest() with { Billing = CardRequest().Billing with { Email = email } };

        Assert.Contains(RequestValidator.Validate(request), e => e.Field == "billing_email");
    }

    [Fact]
    public void Validate_GoodRequest_HasNoErrors() => Assert.Empty(RequestValidator.Validate(CardRequest()));

    private static string Hex(string text)
        => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
