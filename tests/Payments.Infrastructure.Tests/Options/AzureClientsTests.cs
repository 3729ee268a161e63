using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Core.Application;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Tests.Support;
using static Payments.Infrastructure.Tests.Options.PaymentsInfrastructureTests;

namespace Payments.Infrastructure.Tests.Options;

/// <summary>The SDK clients built through the Azure client factory: endpoints, credentials, timeouts.</summary>
public sealed class AzureClientsTests
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static string ConnectionStringFor(int tablePort, int queuePort)
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};"
            + $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    [Fact]
    public void Clients_AccountName_UseTheAccountsEndpoints()
    {
        using var provider = Build(Production(), TestEnvironment.Production);

        Assert.Equal(new Uri("https://stpayments01.table.core.windows.net/"), provider.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://stpayments01.queue.core.windows.net/"), provider.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal(new Uri("https://kv-payments.vault.azure.net/"), provider.GetRequiredService<SecretClient>().VaultUri);
    }

    [Fact]
    public void Clients_ServiceUris_ReplaceTheAccountName()
    {
        var values = Production();
        values.Remove("AzureWebJobsStorage:accountName");
        values["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.net/";
        values["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.net/";
        values["AzureWebJobsStorage:credential"] = "managedidentity";

        using var provider = Build(values, TestEnvironment.Production);

        Assert.Equal(new Uri("https://tables.example.net/"), provider.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://queues.example.net/"), provider.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public void Clients_ConnectionString_WinsOverIdentitySettings()
    {
        var values = Development();
        values["AzureWebJobsStorage:accountName"] = "stpayments01";

        using var provider = Build(values, TestEnvironment.Development);

        Assert.Equal("devstoreaccount1", provider.GetRequiredService<TableServiceClient>().AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), provider.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Theory]
    [InlineData("managedidentity", null, "Development", typeof(ManagedIdentityCredential))]
    [InlineData("ManagedIdentity", "6f1e2c1a-0000-4000-8000-000000000001", "Production", typeof(ManagedIdentityCredential))]
    [InlineData(null, null, "Development", typeof(DefaultAzureCredential))]
    [InlineData(null, null, "Production", typeof(ManagedIdentityCredential))]
    public void StorageCredential_Settings_PickTheCredential(string? credential, string? clientId, string environment, Type expected)
    {
        var chosen = PaymentsInfrastructure.StorageCredential(new TestEnvironment(environment), new StorageOptions { Credential = credential, ClientId = clientId });

        Assert.IsType(expected, chosen);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:credential", "connectionstring", "AzureWebJobsStorage:credential must be 'managedidentity'")]
    [InlineData("AzureWebJobsStorage:clientId", "not-a-guid", "AzureWebJobsStorage:clientId must be a client id")]
    [InlineData("AzureWebJobsStorage:tableServiceUri", "http://tables.example.net/", "AzureWebJobsStorage:tableServiceUri must be an absolute https URL")]
    [InlineData("Storage:Retry:NetworkTimeout", "00:00:00", "Storage:Retry:NetworkTimeout must be from")]
    [InlineData("Storage:Retry:MaxRetries", "11", "Storage:Retry:MaxRetries must be from 0 to 10")]
    [InlineData("Storage:Retry:MaxDelay", "00:00:00.1", "Storage:Retry:MaxDelay must be at least Storage:Retry:Delay")]
    [InlineData("Storage:Retry:Delay", "-00:00:01", "Storage:Retry:Delay must be from 0")]
    public void Storage_BadClientSetting_StopsStartWithTheKey(string key, string value, string expected)
    {
        var values = Production();
        values[key] = value;
        var error = Invalid<StorageOptions>(values, TestEnvironment.Production);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_TableServiceUriWithoutQueueServiceUri_StopsStart()
    {
        var values = Production();
        values.Remove("AzureWebJobsStorage:accountName");
        values["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.net/";
        var error = Invalid<StorageOptions>(values, TestEnvironment.Production);

        Assert.Contains("AzureWebJobsStorage:queueServiceUri is required too", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeyVault:RefreshTimeout", "00:01:00", "KeyVault:RefreshTimeout must be from")]
    [InlineData("KeyVault:Retry:NetworkTimeout", "00:05:00", "KeyVault:Retry:NetworkTimeout must be from")]
    [InlineData("KeyVault:Retry:MaxRetries", "-1", "KeyVault:Retry:MaxRetries must be from 0 to 10")]
    public void KeyVault_BadClientSetting_StopsStartWithTheKey(string key, string value, string expected)
    {
        var values = Production();
        values[key] = value;
        var error = Invalid<KeyVaultOptions>(values, TestEnvironment.Production);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheDocumentedTimeouts()
    {
        using var provider = Build(Production(), TestEnvironment.Production);

        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value.Retry;
        var vault = provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(4), 2), (storage.NetworkTimeout, storage.MaxRetries));
        Assert.Equal((TimeSpan.FromSeconds(4), 1, TimeSpan.FromSeconds(2)), (vault.Retry.NetworkTimeout, vault.Retry.MaxRetries, vault.RefreshTimeout));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task StorageClients_HungStorage_GiveUpAfterTheConfiguredTriesAndTimeout()
    {
        await using var tables = FreezableProxy.Blackhole();
        await using var queues = FreezableProxy.Blackhole();
        var values = Development();
        values["AzureWebJobsStorage"] = ConnectionStringFor(tables.Port, queues.Port);
        values["Storage:Retry:NetworkTimeout"] = "00:00:00.5";
        values["Storage:Retry:MaxRetries"] = "1";
        values["Storage:Retry:Delay"] = "00:00:00.05";
        using var provider = Build(values, TestEnvironment.Development);

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IPaymentStore>().PingAsync(CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IReconcileScheduler>().ScheduleAsync(
            new ReconcileRequest("PF20261126ABCDEFGHJKLMNPQR", 0, "sent"), TimeSpan.Zero, CancellationToken.None));

        // The SDK's defaults would wait 100 s per try; two tries of 0.5 s each, per client.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Equal((2, 2), (tables.Accepted, queues.Accepted));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task SecretClient_HungVault_GivesUpAfterTheConfiguredTimeout()
    {
        await using var vault = FreezableProxy.Blackhole();
        var values = Production();
        values["KeyVault:VaultUri"] = $"https://127.0.0.1:{vault.Port}/";
        values["KeyVault:Retry:NetworkTimeout"] = "00:00:00.5";
        values["KeyVault:Retry:MaxRetries"] = "0";
        using var provider = Build(values, TestEnvironment.Production);

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<SecretClient>().GetSecretAsync("op-terminal-12345601"));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Equal(1, vault.Accepted);
    }
}
