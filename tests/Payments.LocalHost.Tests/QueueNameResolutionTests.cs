using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.LocalHost.Hosting;
using Payments.LocalHost.Queues;

namespace Payments.LocalHost.Tests;

/// <summary>Queue names with <c>%setting%</c> parts, resolved from configuration like the host's binding expressions.</summary>
public sealed class QueueNameResolutionTests
{
    private static QueueClientProvider Provider(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new QueueClientProvider(configuration, HostSettings.From(configuration), NullLogger<QueueClientProvider>.Instance);
    }

    [Theory]
    [InlineData("orders", "orders")]
    [InlineData("Orders", "orders")]
    [InlineData("%Storage:ReconcileQueue%", "my-reconcile")]
    [InlineData("%Storage:ReconcileQueue%-poison", "my-reconcile-poison")]
    [InlineData("pre-%Storage:ReconcileQueue%", "pre-my-reconcile")]
    [InlineData("%Region%-%Storage:ReconcileQueue%", "weu-my-reconcile")]
    public void ResolveQueueName_SettingsAnywhereInTheName_AreReplacedAndLowerCased(string expression, string expected)
    {
        var provider = Provider(("Storage:ReconcileQueue", "My-Reconcile"), ("Region", "weu"));

        Assert.Equal(expected, provider.ResolveQueueName(expression));
    }

    [Theory]
    [InlineData("%Missing%", "'Missing', which is not set")]
    [InlineData("%Region%-%Missing%-poison", "'Missing', which is not set")]
    [InlineData("%Region%-poison%", "without a closing '%'")]
    public void ResolveQueueName_UnsetSettingOrUnclosedPercent_Throws(string expression, string message)
    {
        var provider = Provider(("Region", "weu"));

        var exception = Assert.Throws<InvalidOperationException>(() => provider.ResolveQueueName(expression));
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }
}
