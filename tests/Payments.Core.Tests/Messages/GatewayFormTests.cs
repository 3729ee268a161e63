using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Tests.Messages;

public sealed class GatewayFormTests
{
    [Fact]
    public void Parse_BrowserReturn_DecodesAndMapsLiteralNullToEmpty()
    {
        var form = GatewayForm.Parse("account=995149&terminal=99514901&order_number=NO1&payment_details=80000%3ATransaction+Approved&card_type=null&payment_status=1&response_type=0");

        Assert.True(form.Succeeded, form.Error);
        Assert.Equal("80000:Transaction Approved", form.Value["payment_details"]);
        Assert.Equal("null", form.Value["card_type"]); // as received, for the signature
        var result = PaymentResult.From(form.Value, ResultSource.BrowserReturn);
        Assert.Equal(string.Empty, result.CardType);
        Assert.Equal("Transaction Approved", result.Details.Text);
    }

    [Fact]
    public void Parse_NoticeSource_KeepsLiteralNull()
    {
        var form = GatewayForm.Parse("card_type=null");

        Assert.Equal("null", PaymentResult.From(form.Value!, ResultSource.Notice).CardType);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("&&&")]
    [InlineData("=value")]
    [InlineData("payment_status=0&payment_status=1")]
    public void Parse_Bad_IsAnError(string? body) => Assert.False(GatewayForm.Parse(body).Succeeded);

    [Fact]
    public void Parse_Oversized_IsAnError()
        => Assert.False(GatewayForm.Parse("a=" + new string('x', GatewayForm.MaxBytes)).Succeeded);

    [Fact]
    public void Encode_RoundTripsThroughParse()
    {
        var form = GatewayForm.From([new("billing_firstName", "José & Ann"), new("order_notes", "a=b;c+d")]);

        var parsed = GatewayForm.Parse(form.Encode());

        Assert.Equal("José & Ann", parsed.Value!["billing_firstName"]);
        Assert.Equal("a=b;c+d", parsed.Value["order_notes"]);
    }

    [Fact]
    public void ToString_ShowsNamesOnly()
    {
        var form = GatewayForm.From([new("card_number", "4111111111111111")]);

        Assert.DoesNotContain("4111", form.ToString(), StringComparison.Ordinal);
    }
}
