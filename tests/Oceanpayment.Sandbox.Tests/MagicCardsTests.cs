using Oceanpayment.Sandbox.Protocol;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Tests;

public sealed class MagicCardsTests
{
    [Theory]
    [InlineData("4111111111111111", nameof(PaymentOutcome.Approve))]
    [InlineData("4000000000000002", nameof(PaymentOutcome.Decline))]
    [InlineData("4000000000003220", nameof(PaymentOutcome.Challenge))]
    [InlineData("4000000000000044", nameof(PaymentOutcome.PendingThenApprove))]
    [InlineData("4000000000000051", nameof(PaymentOutcome.PendingThenDecline))]
    [InlineData("5555555555554444", nameof(PaymentOutcome.Approve))]
    public void OutcomeFor_DocumentedNumbers_AreLuhnValidAndMapped(string number, string expected)
    {
        Assert.True(MagicCards.IsLuhnValid(number));
        Assert.Equal(expected, MagicCards.OutcomeFor(number).ToString());
    }

    [Theory]
    [InlineData("4111111111111112")]
    [InlineData("4000000000000001")]
    public void IsLuhnValid_WrongCheckDigit_IsFalse(string number) => Assert.False(MagicCards.IsLuhnValid(number));

    [Theory]
    [InlineData("4111111111111111", "411111****1111")]
    [InlineData("378282246310005", "378282****0005")]
    [InlineData("4000000000000000001", "400000****0001")]
    public void Mask_AnyLength_KeepsFirstSixAndLastFour(string number, string expected) =>
        Assert.Equal(expected, MagicCards.Mask(number));
}
