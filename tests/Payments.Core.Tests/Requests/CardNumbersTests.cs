using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Tests.Requests;

public sealed class CardNumbersTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("411111111117", true)]
    [InlineData("6222021000000000009", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("41111111111", false)]
    [InlineData("4111 1111 1111 1111", false)]
    [InlineData(null, false)]
    public void IsValid_TwelveToNineteenLuhnDigits(string? number, bool expected)
        => Assert.Equal(expected, CardNumbers.IsValid(number));

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4222222222222")]
    [InlineData("6222021000000000009")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("3782 822463 10005")]
    [InlineData("4111  1111 - 1111--1111")]
    [InlineData("card 4111-1111 1111-1111 for order 7")]
    [InlineData("ref:4111111111111111")]
    [InlineData("4111 1111 1111 1111 12")]
    [InlineData("12 4111 1111 1111 1111")]
    public void ContainsCardNumber_LuhnValidRuns_AreFound(string text)
        => Assert.True(CardNumbers.ContainsCardNumber(text));

    [Theory]
    [InlineData("4111111111111112")]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("411111111117")]
    [InlineData("41111111111111111115")]
    [InlineData("4111/1111/1111/1111")]
    [InlineData("SO-2024-0042")]
    [InlineData("")]
    [InlineData(null)]
    public void ContainsCardNumber_OtherText_IsNotACard(string? text)
        => Assert.False(CardNumbers.ContainsCardNumber(text));
}
