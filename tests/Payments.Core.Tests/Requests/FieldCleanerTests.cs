using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Tests.Requests;

public sealed class FieldCleanerTests
{
    [Theory]
    [InlineData("  O'Brien ", "OBrien")]
    [InlineData("<b>Ann</b>", "bAnn/b")]
    [InlineData("\"Quoted\"", "Quoted")]
    [InlineData("José", "José")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Clean_RemovesCharactersAndTrims(string? input, string expected)
        => Assert.Equal(expected, FieldCleaner.Clean(input));

    [Fact]
    public void Clean_LongValue_IsCappedAt50()
        => Assert.Equal(new string('a', 50), FieldCleaner.Clean(new string('a', 80)));

    [Fact]
    public void Clean_CapFallsInsideSurrogatePair_DropsTheWholeCharacter()
    {
        var input = new string('a', 49) + "\U0001F600" + "tail";

        var cleaned = FieldCleaner.Clean(input);

        Assert.Equal(new string('a', 49), cleaned);
        Assert.False(char.IsHighSurrogate(cleaned[^1]));
    }

    [Fact]
    public void Clean_RemovalHappensBeforeTheCap()
        => Assert.Equal(50, FieldCleaner.Clean(new string('\'', 10) + new string('b', 60)).Length);
}
