using System.Diagnostics.Metrics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using Payments.Core.Application;

namespace Payments.Functions.Tests;

/// <summary>The OpenTelemetry wiring of the composition root: what is collected, and that nothing is exported without a connection string.</summary>
public sealed class PaymentsObservabilityTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://example.invalid/";
    private const string ClientId = "6f1e2c1a-0000-4000-8000-000000000001";

    private static IConfiguration Config(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static IHostEnvironment Environment(string name) => new HostingEnvironment { EnvironmentName = name };

    private static bool RegistersAzureMonitor(IServiceCollection services)
    {
        var exporterAssembly = typeof(AzureMonitorExporterOptions).Assembly;
        return services.Any(d =>
            new[] { d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType(), d.ImplementationFactory?.Method.DeclaringType }
                .Concat(d.ServiceType.IsGenericType ? d.ServiceType.GetGenericArguments() : [])
                .Any(t => t?.Assembly == exporterAssembly));
    }

    [Fact]
    public void AddPaymentsObservability_NoConnectionString_RegistersNoExporter()
    {
        var services = new ServiceCollection();

        services.AddPaymentsObservability(Config(), Environment(Environments.Production));

        Assert.False(RegistersAzureMonitor(services));
    }

    [Fact]
    public void AddPaymentsObservability_ConnectionString_RegistersTheAzureMonitorExporter()
    {
        var services = new ServiceCollection();

        services.AddPaymentsObservability(Config((PaymentsObservability.ConnectionStringKey, ConnectionString)), Environment(Environments.Production));

        Assert.True(RegistersAzureMonitor(services));
    }

    [Fact]
    public void Settings_NoConnectionString_IsNull()
        => Assert.Null(AzureMonitorSettings.From(Config(("AZURE_CLIENT_ID", ClientId), (PaymentsObservability.ConnectionStringKey, " ")), Environment(Environments.Production)));

    [Theory]
    [InlineData(PaymentsObservability.AuthenticationStringKey, "ClientId=" + ClientId + ";Authorization=AAD")]
    [InlineData("AZURE_CLIENT_ID", ClientId)]
    [InlineData("KeyVault:ManagedIdentityClientId", ClientId)]
    public void Settings_ClientIdFromAnySource_UsesThatUserAssignedIdentity(string key, string value)
    {
        var settings = AzureMonitorSettings.From(Config((PaymentsObservability.ConnectionStringKey, ConnectionString), (key, value)), Environment(Environments.Production));

        Assert.NotNull(settings);
        Assert.Equal(ConnectionString, settings.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(settings.Credential);
        Assert.Equal(ClientId, settings.ManagedIdentityClientId);
    }

    [Fact]
    public void Settings_AuthenticationStringClientId_WinsOverTheOthers()
    {
        const string other = "6f1e2c1a-0000-4000-8000-000000000002";
        var settings = AzureMonitorSettings.From(
            Config(
                (PaymentsObservability.ConnectionStringKey, ConnectionString),
                (PaymentsObservability.AuthenticationStringKey, $"Authorization=AAD;ClientId={ClientId}"),
                ("AZURE_CLIENT_ID", other)),
            Environment(Environments.Production));

        Assert.Equal(ClientId, settings!.ManagedIdentityClientId);
    }

    [Fact]
    public void Settings_EntraWithoutClientId_UsesTheSystemAssignedIdentity()
    {
        var settings = AzureMonitorSettings.From(
            Config((PaymentsObservability.ConnectionStringKey, ConnectionString), (PaymentsObservability.AuthenticationStringKey, "Authorization=AAD")),
            Environment(Environments.Production));

        Assert.IsType<ManagedIdentityCredential>(settings!.Credential);
        Assert.Null(settings.ManagedIdentityClientId);
    }

    [Fact]
    public void Settings_NoEntraAndNoClientId_UsesTheConnectionStringAlone()
    {
        var settings = AzureMonitorSettings.From(Config((PaymentsObservability.ConnectionStringKey, ConnectionString)), Environment(Environments.Development));

        Assert.Null(settings!.Credential);
    }

    [Fact]
    public void Pipeline_ProductMeter_IsCollected()
    {
        var exported = new List<Metric>();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<PaymentsTelemetry>();
        services.AddPaymentsObservability(Config(), Environment(Environments.Production));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<MeterProvider>();
        var telemetry = provider.GetRequiredService<PaymentsTelemetry>();

        telemetry.PaymentsCreated.Add(2);
        telemetry.GatewayLatency.Record(12.5);
        meters.ForceFlush();

        var created = Assert.Single(exported, m => m.Name == "payments.created");
        var sum = 0L;
        foreach (ref readonly var point in created.GetMetricPoints())
        {
            sum += point.GetSumLong();
        }

        Assert.Equal(2, sum);
        Assert.Contains(exported, m => m.Name == "gateway.latency" && m.Unit == "ms");
    }

    [Fact]
    public void Pipeline_Logs_CarryThePaymentScopeAsAttributes()
    {
        var exported = new List<LogRecord>();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentsObservability(Config(), Environment(Environments.Production));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(exported));
        using (var provider = services.BuildServiceProvider())
        {
            var logger = provider.GetRequiredService<ILogger<PaymentsObservabilityTests>>();
            using (PaymentLogScope.Begin(logger, "ORD42"))
            {
                logger.LogInformation("Something happened to {What}", "it");
            }
        }

        var record = Assert.Single(exported);
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
        record.ForEachScope((s, _) =>
        {
            foreach (var (key, value) in s)
            {
                scope[key] = value;
            }
        }, (object?)null);
        Assert.Equal("pay_ORD42", scope[PaymentLogScope.PaymentIdKey]);
        Assert.Equal("ORD42", scope[PaymentLogScope.OrderNumberKey]);
        Assert.Equal("Something happened to it", record.FormattedMessage);
    }

    [Fact]
    public void Pipeline_OtherMeters_AreNotCollected()
    {
        var exported = new List<Metric>();
        var services = new ServiceCollection();
        services.AddPaymentsObservability(Config(), Environment(Environments.Production));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<MeterProvider>();
        using var unrelated = new Meter("Payments.Functions.Tests.Unrelated");

        unrelated.CreateCounter<long>("noise").Add(1);
        meters.ForceFlush();

        Assert.DoesNotContain(exported, m => m.Name == "noise");
    }
}
