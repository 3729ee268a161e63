using Payments.Core.Application;

namespace Payments.Core.Tests.Application;

public sealed class DeclineCodesTests
{
    // Every payment_details code the protocol reference (section 6) names, and the project's own failure codes.
    [Theory]
    [InlineData("80022", DeclineCodes.InsufficientFunds)]
    [InlineData("80090", DeclineCodes.AuthenticationFailed)]
    [InlineData("80091", DeclineCodes.AuthenticationFailed)]
    [InlineData("80093", DeclineCodes.AuthenticationFailed)]
    [InlineData("10000", DeclineCodes.FraudSuspected)]
    [InlineData("80101", DeclineCodes.CustomerCanceled)]
    [InlineData("80031", DeclineCodes.ProcessingError)]
    [InlineData("80100", DeclineCodes.ProcessingError)]
    [InlineData("80700", DeclineCodes.ProcessingError)]
    [InlineData("20001", DeclineCodes.ProcessingError)]
    [InlineData("20013", DeclineCodes.ProcessingError)]
    [InlineData("20014", DeclineCodes.ProcessingError)]
    [InlineData("20055", DeclineCodes.ProcessingError)]
    [InlineData("20061", DeclineCodes.ProcessingError)]
    [InlineData("not_found", DeclineCodes.ProcessingError)]
    [InlineData("89999", DeclineCodes.GenericDecline)]
    [InlineData("80000", DeclineCodes.GenericDecline)]
    [InlineData("review_failed", DeclineCodes.GenericDecline)]
    public void For_EveryKnownCode_MapsToItsDeclineCode(string failureCode, string declineCode)
        => Assert.Equal(declineCode, DeclineCodes.For(failureCode));

    [Theory]
    [InlineData("20000")]
    [InlineData("20056")]
    [InlineData("20062")]
    [InlineData("80050")]
    [InlineData("99999")]
    [InlineData("+2001")]
    [InlineData("")]
    [InlineData(null)]
    public void For_UnlistedOrOddCode_IsGenericDecline(string? failureCode)
        => Assert.Equal(DeclineCodes.GenericDecline, DeclineCodes.For(failureCode));

    [Fact]
    public void All_AreDistinctSnakeCase()
    {
        Assert.Equal(DeclineCodes.All.Count, DeclineCodes.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(DeclineCodes.All, c => Assert.Matches("^[a-z]+(_[a-z]+)*$", c));
    }
}
