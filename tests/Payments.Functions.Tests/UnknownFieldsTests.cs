using System.Text;
using Payments.Functions.Api;

namespace Payments.Functions.Tests;

public sealed class UnknownFieldsTests
{
    private static string[] Find<T>(string json)
        => [.. UnknownFields.Find(Encoding.UTF8.GetBytes(json), typeof(T), ApiResults.Json).Select(e => e.Field)];

    [Fact]
    public void Find_OnlyKnownFields_FindsNothing()
        => Assert.Empty(Find<CreatePaymentRequest>("""
            {"amount": 1050, "currency": "USD", "method": "card", "returnUrl": "https://shop.example.com/x", "orderNumber": "NO1",
             "capture": "sale", "maxAttempts": 3, "notes": "n", "billing": {"firstName": "Ann", "zip": "95112", "ip": "1.2.3.4"},
             "products": [{"name": "Tea", "sku": "T1", "quantity": 2, "price": "5.25"}], "metadata": {"anything_goes": "x", "maxAttempts": "3"}}
            """));

    [Fact]
    public void Find_NamesMatchIgnoringCase_AsTheBindingDoes()
        => Assert.Empty(Find<CreatePaymentRequest>("""{"Amount": 1, "CURRENCY": "USD", "Billing": {"FIRSTNAME": "Ann"}}"""));

    [Fact]
    public void Find_TopLevelUnknowns_NamesEach()
        => Assert.Equal(["offSession", "savePaymentMethod", "ordernumbr"], Find<CreatePaymentRequest>("""{"offSession": true, "amount": 1, "savePaymentMethod": true, "ordernumbr": "NO1"}"""));

    [Fact]
    public void Find_NestedObjectsAndArrays_AreWalkedWithTheirPath()
        => Assert.Equal(["billing.adress", "products[1].naem"], Find<CreatePaymentRequest>("""{"billing": {"adress": "1 Main St"}, "products": [{"name": "a"}, {"naem": "b"}]}"""));

    [Fact]
    public void Find_FreeJsonValues_HaveNoUnknownKeys()
        => Assert.Equal(["card.cvv"], Find<ConfirmPaymentRequest>("""{"walletToken": {"paymentData": {"anything": 1}}, "card": {"number": "4111", "cvv": "123"}}"""));

    [Fact]
    public void Find_NullsAndWrongKinds_AreNotWalked()
        => Assert.Empty(Find<CreatePaymentRequest>("""{"billing": null, "products": null, "metadata": null}"""));

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("a 4111 1111 1111 1111 b")]
    public void Find_CardLikeName_IsNotRepeated(string name)
    {
        var errors = UnknownFields.Find(Encoding.UTF8.GetBytes("{\"billing\": {\"" + name + "\": \"x\"}}"), typeof(CreatePaymentRequest), ApiResults.Json);

        var error = Assert.Single(errors);
        Assert.Equal("billing", error.Field);
        Assert.DoesNotContain("1111", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_LongName_IsNotRepeated()
        => Assert.Equal(["body"], Find<CaptureRequest>("{\"" + new string('x', UnknownFields.MaxEchoedName + 1) + "\": 1}"));

    [Theory]
    [InlineData(typeof(CreateRefundRequest), """{"amount": 1, "reason": "r", "reson": "r"}""", "reson")]
    [InlineData(typeof(CaptureRequest), """{"amount": 1, "final": true}""", "final")]
    [InlineData(typeof(ResolveReviewRequest), """{"status": "failed", "reason": "r", "operator": "me"}""", "operator")]
    [InlineData(typeof(ConfirmPaymentRequest), """{"clientSecret": "s", "savePaymentMethod": true}""", "savePaymentMethod")]
    public void Find_EveryRequestType_RefusesItsUnknowns(Type type, string json, string unknown)
        => Assert.Equal([unknown], UnknownFields.Find(Encoding.UTF8.GetBytes(json), type, ApiResults.Json).Select(e => e.Field));
}
