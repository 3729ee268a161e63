namespace Payments.Infra.Tests;

/// <summary>
/// End to end: edit a copy of the Bicep source, compile it with the real CLI, and expect the policy to object.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class BicepSourceMutationTests
{
    private const string LeakedSecret = """
        resource leakedSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
          parent: vault
          name: 'oceanpayment-995149-99514901'
          properties: {
            value: 'placeholder'
          }
        }

        output AZURE_LOCATION
        """;

    public static TheoryData<string, string, string, string> Edits { get; } = new()
    {
        { "main.bicep", "allowSharedKeyAccess: false", "allowSharedKeyAccess: true", InfraPolicy.StorageSharedKey },
        { "main.bicep", "output AZURE_LOCATION", LeakedSecret, InfraPolicy.VaultNoSecrets },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Check_SourceEdited_ReportsTheGuardingRule(string file, string find, string replace, string rule)
    {
        var infra = InfraCompiler.Compile(RepositoryPaths.InfraDirectory, editCopy: dir =>
        {
            var path = Path.Combine(dir, file);
            var source = File.ReadAllText(path);
            Assert.Equal(1, CountOf(source, find));
            File.WriteAllText(path, source.Replace(find, replace, StringComparison.Ordinal));
        });

        Assert.Contains(InfraPolicy.Check(infra), v => v.Rule == rule);
    }

    [Fact]
    public void ReconcileQueueParameter_Changed_MovesTheQueuesAndTheAppSettingTogether()
    {
        var infra = InfraCompiler.Compile(RepositoryPaths.InfraDirectory, editCopy: dir =>
        {
            var path = Path.Combine(dir, "main.bicep");
            var source = File.ReadAllText(path);
            const string find = "param reconcileQueueName string = 'payment-reconcile'";
            Assert.Equal(1, CountOf(source, find));
            File.WriteAllText(path, source.Replace(find, "param reconcileQueueName string = 'orders-check'", StringComparison.Ordinal));
        });

        var queues = infra.Resources("Microsoft.Storage/storageAccounts/queueServices/queues")
            .Select(r => CompiledInfra.Text(r["name"])!.Split('/')[^1])
            .Order()
            .ToList();
        Assert.Equal(["orders-check", "orders-check-poison", "payment-changes", "payment-changes-poison", "webhook-dead-letter", "webhook-deliveries", "webhook-deliveries-poison"], queues);
        Assert.Equal("orders-check", CompiledInfra.Text(infra.AppSettings["Storage__ReconcileQueue"]));
        Assert.DoesNotContain(InfraPolicy.Check(infra), v => v.Rule == InfraPolicy.AppSettingsSchema);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
