using System.Text;
using Payments.Core.Webhooks;

namespace Payments.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Header_SpecExample_MatchesThePublishedSignature()
    {
        // The example of the Standard Webhooks reference libraries' tests.
        Assert.True(WebhookSecret.TryParse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", out var secret));

        var header = WebhookSignature.Header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"u8, [secret]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
    }

    [Theory]
    [InlineData("{\"id\":\"evt_A1.1\",\"data\":{\"amount\":1050}}", 24)]
    [InlineData("{\"name\":\"Zoë – 支付 ✓\"}", 32)]
    [InlineData("", 64)]
    public void Header_AnyBodyAndKeySize_VerifiesWithAnIndependentHmac(string body, int keyBytes)
    {
        var whsec = ReferenceWebhookVerifier.NewSecret(keyBytes);
        Assert.True(WebhookSecret.TryParse(whsec, out var secret));
        var bytes = Encoding.UTF8.GetBytes(body);

        var header = WebhookSignature.Header("evt_ORD-1.3", 1_800_000_000, bytes, [secret]);

        Assert.Equal(ReferenceWebhookVerifier.Expected(whsec, "evt_ORD-1.3", "1800000000", bytes), header);
    }

    [Fact]
    public void Header_TwoSecrets_CarriesBothSignaturesSpaceSeparated()
    {
        var (first, second) = (ReferenceWebhookVerifier.NewSecret(), ReferenceWebhookVerifier.NewSecret());
        Assert.True(WebhookSecret.TryParse(first, out var a));
        Assert.True(WebhookSecret.TryParse(second, out var b));
        var body = "{\"x\":1}"u8.ToArray();

        var header = WebhookSignature.Header("evt_O.1", 42, body, [a, b]);

        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(ReferenceWebhookVerifier.Expected(first, "evt_O.1", "42", body), parts[0]);
        Assert.Equal(ReferenceWebhookVerifier.Expected(second, "evt_O.1", "42", body), parts[1]);
    }

    [Fact]
    public void Header_BodyChangedByOneByte_NoLongerVerifies()
    {
        var whsec = ReferenceWebhookVerifier.NewSecret();
        Assert.True(WebhookSecret.TryParse(whsec, out var secret));
        var header = WebhookSignature.Header("evt_O.1", 42, "{\"amount\":1050}"u8, [secret]);

        Assert.True(ReferenceWebhookVerifier.Verifies(whsec, "evt_O.1", "42", "{\"amount\":1050}"u8.ToArray(), header));
        Assert.False(ReferenceWebhookVerifier.Verifies(whsec, "evt_O.1", "42", "{\"amount\":1051}"u8.ToArray(), header));
        Assert.False(ReferenceWebhookVerifier.Verifies(whsec, "evt_O.1", "43", "{\"amount\":1050}"u8.ToArray(), header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    public void TryParse_Malformed_IsRefused(string? value)
        => Assert.False(WebhookSecret.TryParse(value, out _));

    [Fact]
    public void TryParse_TooLongKey_IsRefused()
        => Assert.False(WebhookSecret.TryParse(ReferenceWebhookVerifier.NewSecret(65), out _));

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        Assert.True(WebhookSecret.TryParse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", out var secret));

        Assert.DoesNotContain("MfKQ9r8", secret.ToString(), StringComparison.Ordinal);
    }
}
