using Payments.Core.Application;

namespace Payments.Core.Tests.Application;

public sealed class PaymentMetadataTests
{
    private static Dictionary<string, string?> One(string key, string? value) => new() { [key] = value };

    private static List<string> Fields(Dictionary<string, string?>? metadata)
        => [.. PaymentMetadata.Validate(metadata).Select(e => e.Field)];

    [Fact]
    public void Validate_Absent_HasNoErrors() => Assert.Empty(Fields(null));

    [Fact]
    public void Validate_TwentyKeysAtTheLimits_HasNoErrors()
    {
        var metadata = Enumerable.Range(0, PaymentMetadata.MaxKeys - 1).ToDictionary(i => $"k{i}", i => (string?)$"v{i}");
        metadata[new string('a', 38) + ".-"] = new string('é', PaymentMetadata.MaxValueLength);

        Assert.Empty(Fields(metadata));
    }

    [Fact]
    public void Validate_TwentyOneKeys_NamesMetadata()
    {
        var metadata = Enumerable.Range(0, PaymentMetadata.MaxKeys + 1).ToDictionary(i => $"k{i}", i => (string?)"v");

        Assert.Equal(["metadata"], Fields(metadata));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("key/1")]
    [InlineData("clé")]
    [InlineData("k\n")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Validate_KeyOutsideTheCharset_NamesMetadataWithoutTheKey(string key)
    {
        var error = Assert.Single(PaymentMetadata.Validate(One(key, "v")));

        Assert.Equal("metadata", error.Field);
    }

    [Fact]
    public void Validate_PrivateNotes_AreNamedUnderTheirOwnField()
    {
        var notes = Enumerable.Range(0, PaymentMetadata.MaxKeys + 1).ToDictionary(i => $"k{i}", i => (string?)"v");
        notes["k0"] = "4111 1111 1111 1111";

        Assert.Equal(["privateMetadata", "privateMetadata.k0"], PaymentMetadata.Validate(notes, PaymentMetadata.Private).Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_KeyThatLooksLikeACard_IsRefusedWithoutEchoingIt()
    {
        var error = Assert.Single(PaymentMetadata.Validate(One("4111111111111111", "v")));

        Assert.Equal("metadata", error.Field);
        Assert.DoesNotContain("4111", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(2000)]
    public void Validate_ValueTooLong_NamesTheKey(int length)
        => Assert.Equal(["metadata.note"], Fields(One("note", new string('x', length))));

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\t")]
    [InlineData("nul\0")]
    [InlineData("del\u007f")]
    public void Validate_ControlCharacters_NameTheKey(string value)
        => Assert.Equal(["metadata.note"], Fields(One("note", value)));

    [Fact]
    public void Validate_NullValue_NamesTheKey() => Assert.Equal(["metadata.note"], Fields(One("note", null)));

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("paid with 6011 1111 1111 1117 exp 12/25")]
    public void Validate_CardLookingValue_IsRefusedWithoutEchoingIt(string value)
    {
        var error = Assert.Single(PaymentMetadata.Validate(One("customer_note", value)));

        Assert.Equal("metadata.customer_note", error.Field);
        Assert.DoesNotContain("1111", error.Message, StringComparison.Ordinal);
        Assert.Contains("card number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234567812345678")]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("SO-2024-0042")]
    [InlineData("")]
    public void Validate_LuhnFailingOrShortNumbers_AreAccepted(string value)
        => Assert.Empty(Fields(One("orderRef", value)));

    [Fact]
    public void Validate_SeveralProblems_AreAllReported()
    {
        var metadata = new Dictionary<string, string?> { ["ok"] = "fine", ["pan"] = "4222222222222", ["long"] = new string('x', 501), ["bad key"] = "v" };

        Assert.Equal(["metadata.pan", "metadata.long", "metadata"], Fields(metadata));
    }
}
