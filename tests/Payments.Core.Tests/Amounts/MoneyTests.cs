using Payments.Core.Amounts;

namespace Payments.Core.Tests.Amounts;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1, "USD", "0.01")]
    [InlineData(20500, "USD", "205.00")]
    [InlineData(615, "JPY", "615")]
    [InlineData(1050, "EUR", "10.50")]
    [InlineData(12340, "KWD", "12.34")]
    [InlineData(999999999, "USD", "9999999.99")]
    public void ToGatewayAmount_FormatsPerExponent(long minor, string currency, string expected)
        => Assert.Equal(expected, new Money(minor, Currency.Parse(currency)).ToGatewayAmount());

    [Theory]
    [InlineData(0, "USD")]
    [InlineData(-1, "USD")]
    [InlineData(12345, "KWD")] // would need a third decimal
    [InlineData(10000000000, "USD")] // more than 10 characters
    public void TryFormatForGateway_Unsendable_Fails(long minor, string currency)
    {
        Assert.False(new Money(minor, Currency.Parse(currency)).TryFormatForGateway(out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("10.5", "USD", 1050)]
    [InlineData("10.50", "USD", 1050)]
    [InlineData("615.00", "JPY", 615)]
    [InlineData("615", "JPY", 615)]
    [InlineData("0.01", "USD", 1)]
    [InlineData("12.345", "KWD", 12345)]
    public void TryParseDecimal_Valid(string text, string currency, long minor)
    {
        Assert.True(Money.TryParseDecimal(text, Currency.Parse(currency), out var money));
        Assert.Equal(minor, money.MinorUnits);
    }

    [Theory]
    [InlineData("615.50", "JPY")]
    [InlineData("1.001", "USD")]
    [InlineData("-1.00", "USD")]
    [InlineData("1,00", "USD")]
    [InlineData("1e2", "USD")]
    [InlineData(" 1.00", "USD")]
    [InlineData("1.", "USD")]
    [InlineData(".5", "USD")]
    [InlineData("", "USD")]
    [InlineData("99999999999999999999", "USD")]
    public void TryParseDecimal_Invalid(string text, string currency)
        => Assert.False(Money.TryParseDecimal(text, Currency.Parse(currency), out _));

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U$D")]
    [InlineData(null)]
    public void Currency_Malformed_IsRejected(string? code) => Assert.False(Currency.TryParse(code, out _));

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("BHD", 3)]
    public void Currency_Exponent(string code, int exponent) => Assert.Equal(exponent, Currency.Parse(code).Exponent);

    [Theory]
    [InlineData("XYZ")]
    [InlineData("ABC")]
    [InlineData("XAU")] // gold has no minor unit
    [InlineData("HRK")] // withdrawn
    public void Currency_ShapedLikeACodeButNotActive_IsRejected(string code) => Assert.False(Currency.TryParse(code, out _));

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("XCG", 2)]
    public void Currency_ActiveCode_HasItsExponent(string code, int exponent) => Assert.Equal(exponent, Currency.Parse(code).Exponent);

    [Fact]
    public void Currency_Table_HoldsTheActiveList()
    {
        var codes = Currency.ActiveCodes.ToList();
        Assert.InRange(codes.Count, 150, 200);
        Assert.All(codes, c => Assert.Matches("^[A-Z]{3}$", c));
    }
}
