namespace Payments.Infra.Tests;

/// <summary>The webhook endpoints and queues the template gives the app.</summary>
[Collection(InfraCollection.Name)]
public sealed class WebhookInfraTests(InfraFixture fixture)
{
    [Fact]
    public void Endpoints_Given_BecomeEndpointSettingsWithSecretNamesOnly()
    {
        var settings = fixture.WithEveryOption.AppSettings;

        Assert.Equal("https://shop.example.com/hooks", CompiledInfra.Text(settings["Webhooks__Endpoints__0__Url"]));
        Assert.Equal("*", CompiledInfra.Text(settings["Webhooks__Endpoints__0__Events"]));
        Assert.Equal("webhook-shop", CompiledInfra.Text(settings["Webhooks__Endpoints__0__SecretName"]));
        Assert.False(settings.ContainsKey("Webhooks__Endpoints__0__SecondSecretName"));
        Assert.Equal("https://erp.example.com/in?src=pay", CompiledInfra.Text(settings["Webhooks__Endpoints__1__Url"]));
        Assert.Equal("refund.succeeded,refund.failed", CompiledInfra.Text(settings["Webhooks__Endpoints__1__Events"]));
        Assert.Equal("webhook-erp-next", CompiledInfra.Text(settings["Webhooks__Endpoints__1__SecondSecretName"]));

        // The app reads a secret's value only from Key Vault outside Development.
        Assert.DoesNotContain(settings, s => s.Key.StartsWith("Webhooks__", StringComparison.Ordinal) && (s.Key.EndsWith("__Secret", StringComparison.Ordinal) || s.Key.EndsWith("__SecondSecret", StringComparison.Ordinal)));
    }

    [Fact]
    public void Endpoints_NoneGiven_NoEndpointSettingsAndTheQueuesStillExist()
    {
        var infra = fixture.Committed;
        var queues = infra.Resources("Microsoft.Storage/storageAccounts/queueServices/queues").Select(r => CompiledInfra.Text(r["name"])!.Split('/')[^1]).ToHashSet();

        Assert.DoesNotContain(infra.AppSettings, s => s.Key.StartsWith("Webhooks__Endpoints__", StringComparison.Ordinal));
        Assert.Equal("webhook-deliveries", CompiledInfra.Text(infra.AppSettings["Storage__WebhookQueue"]));
        Assert.Equal("webhook-dead-letter", CompiledInfra.Text(infra.AppSettings["Storage__WebhookDeadLetterQueue"]));
        Assert.Superset(new HashSet<string> { "webhook-deliveries", "webhook-deliveries-poison", "webhook-dead-letter" }, queues);
    }
}
