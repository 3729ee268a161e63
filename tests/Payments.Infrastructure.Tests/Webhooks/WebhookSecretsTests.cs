using Microsoft.Extensions.Time.Testing;
using Payments.Core.Tests.Webhooks;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Tests.Support;
using Payments.Infrastructure.Webhooks;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Payments.Infrastructure.Tests.Webhooks;

/// <summary>Signing secrets read from a loopback HTTPS Key Vault through the real SecretClient.</summary>
public sealed class WebhookSecretsTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<WebhookSecrets> _logger = new();
    private readonly string _current = ReferenceWebhookVerifier.NewSecret();
    private readonly string _next = ReferenceWebhookVerifier.NewSecret();
    private FakeKeyVault _vault = null!;
    private WebhookSecrets _secrets = null!;

    public async Task InitializeAsync()
    {
        _vault = await FakeKeyVault.StartAsync();
        _secrets = new WebhookSecrets(_vault.CreateClient(), MsOptions.Create(new KeyVaultOptions { CacheMinutes = 10 }), _time, _logger);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task GetAsync_TwoSecretNames_ReadsEachOnceInOrderAndCachesThem()
    {
        _vault.SetSecret("webhook-shop", _current);
        _vault.SetSecret("webhook-shop-next", _next);
        var endpoint = Endpoint("webhook-shop", "webhook-shop-next");

        var first = await _secrets.GetAsync(endpoint, None);
        var second = await _secrets.GetAsync(endpoint, None);

        Assert.Equal([KeyOf(_current), KeyOf(_next)], first!.Select(s => s.Key.ToArray()));
        Assert.Equal(2, second!.Count);
        Assert.Equal(2, _vault.Reads);
    }

    [Fact]
    public async Task GetAsync_VaultThrottlingAfterTheCacheExpired_KeepsUsingTheLastCopyAndLogsOnlyTheName()
    {
        _vault.SetSecret("webhook-shop", _current);
        var endpoint = Endpoint("webhook-shop");
        await _secrets.GetAsync(endpoint, None);
        _vault.Throttle(true);
        _time.Advance(TimeSpan.FromMinutes(11));

        var secrets = await _secrets.GetAsync(endpoint, None);

        Assert.Equal(KeyOf(_current), Assert.Single(secrets!).Key.ToArray());
        Assert.Contains(_logger.Entries, e => e.Message.Contains("webhook-shop", StringComparison.Ordinal) && e.Message.Contains("could not be read", StringComparison.Ordinal));
        Assert.All(_logger.Entries, e => Assert.DoesNotContain(_current["whsec_".Length..], e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not-a-whsec-value")]
    [InlineData("whsec_c2hvcnQ=")]
    public async Task GetAsync_MalformedSecretInTheVault_NothingToSignWithAndTheLogNamesItWithoutItsValue(string value)
    {
        _vault.SetSecret("webhook-shop", value);

        Assert.Null(await _secrets.GetAsync(Endpoint("webhook-shop"), None));

        var line = Assert.Single(_logger.Entries).Message;
        Assert.Contains("webhook-shop", line, StringComparison.Ordinal);
        Assert.DoesNotContain(value, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_SecretMissingAndNothingCached_NothingToSignWith()
        => Assert.Null(await _secrets.GetAsync(Endpoint("webhook-gone"), None));

    private static WebhookEndpoint Endpoint(string secretName, string? second = null)
        => new(new WebhookEndpointOptions { Url = "https://shop.example.com/hooks", Events = "*", SecretName = secretName, SecondSecretName = second });

    private static byte[] KeyOf(string whsec) => Convert.FromBase64String(whsec["whsec_".Length..]);
}
