using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Infrastructure.Tests.Support;
using Payments.Infrastructure.Webhooks;

namespace Payments.Infrastructure.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public void Validate_NoEndpoints_IsValidInProduction()
    {
        var options = Resolve("Production");

        Assert.Empty(options.Endpoints);
        Assert.Equal(WebhookNames.Queue, options.Queue);
    }

    [Fact]
    public void Validate_ProductionEndpointWithVaultSecrets_IsValid()
    {
        var options = Resolve(
            "Production",
            ("KeyVault:VaultUri", "https://vault.example.net/"),
            ("Webhooks:Endpoints:0:Url", "https://shop.example.com/hooks?account=7"),
            ("Webhooks:Endpoints:0:Events", "payment.succeeded, refund.succeeded"),
            ("Webhooks:Endpoints:0:SecretName", "webhook-shop"),
            ("Webhooks:Endpoints:0:SecondSecretName", "webhook-shop-next"),
            ("Storage:WebhookQueue", "hooks-out"));

        var endpoint = Assert.Single(options.Endpoints);
        Assert.Equal("webhook-shop-next", endpoint.SecondSecretName);
        Assert.Equal("hooks-out", options.Queue);
    }

    [Theory]
    [InlineData("Production", "Url", "http://shop.example.com/hooks", "Webhooks:Endpoints:0:Url must use https outside Development")]
    [InlineData("Development", "Url", "ftp://shop.example.com/hooks", "Webhooks:Endpoints:0:Url must be an absolute http(s) URL")]
    [InlineData("Development", "Url", "https://user:pw@shop.example.com/hooks", "Webhooks:Endpoints:0:Url must be an absolute http(s) URL")]
    [InlineData("Development", "Events", "payment.succeeded,payment.exploded", "names 'payment.exploded', which is not an event type")]
    [InlineData("Development", "Events", " ", "Webhooks:Endpoints:0:Events is required")]
    [InlineData("Development", "Secret", "whsec_dG9vLXNob3J0", "Webhooks:Endpoints:0:Secret must be 'whsec_' followed by the base64")]
    [InlineData("Development", "Secret", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Webhooks:Endpoints:0:Secret must be 'whsec_'")]
    [InlineData("Production", "Secret", Secret, "Webhooks:Endpoints:0:Secret is allowed only in Development")]
    [InlineData("Development", "SecondSecret", "whsec_!!", "Webhooks:Endpoints:0:SecondSecret must be 'whsec_'")]
    [InlineData("Development", "SecretName", "webhook-shop", "set SecretName or Secret, not both")]
    public void Validate_BadEndpointValue_StopsStartNamingTheKey(string environment, string field, string value, string expected)
    {
        var settings = new Dictionary<string, string>
        {
            ["Webhooks:Endpoints:0:Url"] = environment == "Production" ? "https://shop.example.com/hooks" : "http://127.0.0.1:7073/hooks",
            ["Webhooks:Endpoints:0:Events"] = "*",
            [environment == "Production" ? "Webhooks:Endpoints:0:SecretName" : "Webhooks:Endpoints:0:Secret"] = environment == "Production" ? "webhook-shop" : Secret,
            ["KeyVault:VaultUri"] = environment == "Production" ? "https://vault.example.net/" : string.Empty,
        };
        settings[$"Webhooks:Endpoints:0:{field}"] = value;
        if (field == "Secret" && environment == "Production")
        {
            settings.Remove("Webhooks:Endpoints:0:SecretName");
        }

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(environment, [.. settings.Select(p => (p.Key, p.Value))]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameUrlTwice_IsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(
            "Development",
            ("Webhooks:Endpoints:0:Url", "https://shop.example.com/hooks"),
            ("Webhooks:Endpoints:0:Events", "*"),
            ("Webhooks:Endpoints:0:Secret", Secret),
            ("Webhooks:Endpoints:1:Url", "https://SHOP.example.com/hooks"),
            ("Webhooks:Endpoints:1:Events", "payment.failed"),
            ("Webhooks:Endpoints:1:Secret", Secret)));

        Assert.Contains("Webhooks:Endpoints:1:Url repeats the URL of an earlier endpoint", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhooks:Endpoints:0:SecretName", "webhook-shop", "needs KeyVault:VaultUri")]
    [InlineData("Webhooks:Endpoints:0:SecretName", "bad_name", "must be a Key Vault secret name")]
    [InlineData("Webhooks:Timeout", "00:05:00", "Webhooks:Timeout must be between 1 and 60 seconds")]
    [InlineData("Webhooks:RetryJitter", "0.9", "Webhooks:RetryJitter must be between 0 and 0.5")]
    [InlineData("Webhooks:MaxRetryDelay", "8.00:00:00", "Webhooks:MaxRetryDelay between it and")]
    [InlineData("Storage:WebhookQueue", "Webhook_Queue", "Storage:WebhookQueue must be a queue name")]
    [InlineData("Storage:WebhookDeadLetterQueue", "webhook-deliveries", "Storage:WebhookDeadLetterQueue must differ from Storage:WebhookQueue")]
    public void Validate_BadSetting_StopsStartNamingTheKey(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(
            "Development",
            ("Webhooks:Endpoints:0:Url", "https://shop.example.com/hooks"),
            ("Webhooks:Endpoints:0:Events", "*"),
            (key, value)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoSecretAtAll_IsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(
            "Development",
            ("Webhooks:Endpoints:0:Url", "https://shop.example.com/hooks"),
            ("Webhooks:Endpoints:0:Events", "*")));

        Assert.Contains("Webhooks:Endpoints:0:SecretName is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_Id_IsAStableHashOfTheUrlNotItsPosition()
    {
        var first = Resolve("Development", ("Webhooks:Endpoints:0:Url", "https://a.example.com/h"), ("Webhooks:Endpoints:0:Events", "*"), ("Webhooks:Endpoints:0:Secret", Secret),
            ("Webhooks:Endpoints:1:Url", "https://b.example.com/h"), ("Webhooks:Endpoints:1:Events", "*"), ("Webhooks:Endpoints:1:Secret", Secret));
        var swapped = Resolve("Development", ("Webhooks:Endpoints:0:Url", "https://b.example.com/h"), ("Webhooks:Endpoints:0:Events", "*"), ("Webhooks:Endpoints:0:Secret", Secret));

        var a = new WebhookEndpoints(Microsoft.Extensions.Options.Options.Create(first));
        var b = new WebhookEndpoints(Microsoft.Extensions.Options.Options.Create(swapped));

        Assert.Equal(a.All[1].Id, b.All[0].Id);
        Assert.NotEqual(a.All[0].Id, a.All[1].Id);
        Assert.Matches("^ep_[0-9a-f]{16}$", a.All[0].Id);
        Assert.Same(b.All[0], b.Find(a.All[1].Id));
        Assert.Null(b.Find(a.All[0].Id));
    }

    private static WebhookOptions Resolve(string environment, params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWebhooks(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(), new TestEnvironment(environment));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
    }
}
