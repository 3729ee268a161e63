using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Payments.Core.Application;

namespace Payments.Functions;

/// <summary>
/// OpenTelemetry for the app: the worker's defaults, the product meter, outgoing HTTP, and logs.
/// Telemetry leaves the process only when Application Insights is configured, so development runs
/// and tests never export or reach the network.
/// </summary>
public static class PaymentsObservability
{
    public const string ServiceName = "Payments.Functions";
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    // The activity source and meter .NET's HttpClient publishes natively (calls to Oceanpayment).
    private const string HttpClientSource = "System.Net.Http";

    public static IServiceCollection AddPaymentsObservability(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource(HttpClientSource))
            .WithMetrics(metrics => metrics.AddMeter(PaymentsTelemetry.MeterName, HttpClientSource))
            // Scopes carry PaymentId and OrderNumber into every record (custom dimensions in Application Insights).
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });

        var exporter = AzureMonitorSettings.From(configuration, environment);
        if (exporter is not null)
        {
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = exporter.ConnectionString;
                options.Credential = exporter.Credential;
            });
        }

        return services;
    }
}

/// <summary>
/// Where telemetry goes: the Application Insights connection string and, for Entra ID ingestion
/// (the template disables local auth), the managed identity that signs in.
/// </summary>
public sealed record AzureMonitorSettings(string ConnectionString, TokenCredential? Credential, string? ManagedIdentityClientId)
{
    /// <summary>Null when no connection string is configured: then nothing is exported.</summary>
    public static AzureMonitorSettings? From(IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration[PaymentsObservability.ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var authentication = Parse(configuration[PaymentsObservability.AuthenticationStringKey]);
        var clientId = FirstGiven(
            authentication.GetValueOrDefault("ClientId"),
            configuration["AZURE_CLIENT_ID"],
            configuration["KeyVault:ManagedIdentityClientId"]);
        var entra = string.Equals(authentication.GetValueOrDefault("Authorization"), "AAD", StringComparison.OrdinalIgnoreCase);
        if (clientId is not null)
        {
            return new AzureMonitorSettings(connectionString, new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)), clientId);
        }

        if (!entra)
        {
            // An Application Insights resource that still accepts its instrumentation key (a developer's own).
            return new AzureMonitorSettings(connectionString, null, null);
        }

        TokenCredential credential = environment.IsDevelopment()
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        return new AzureMonitorSettings(connectionString, credential, null);
    }

    private static Dictionary<string, string> Parse(string? value)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                pairs[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }

        return pairs;
    }

    private static string? FirstGiven(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
