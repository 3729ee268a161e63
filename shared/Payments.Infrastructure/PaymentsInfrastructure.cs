using System.Net;
using System.Security.Authentication;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Infrastructure.Gateway;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Secrets;
using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure;

/// <summary>Registers the Azure adapters of the core's ports, with options bound and validated at start-up.</summary>
public static class PaymentsInfrastructure
{
    public static IServiceCollection AddPaymentsInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var vaultConfigured = !string.IsNullOrWhiteSpace(configuration[$"{KeyVaultOptions.Section}:{nameof(KeyVaultOptions.VaultUri)}"]);

        services.AddOptions<OceanpaymentOptions>().Bind(configuration.GetSection(OceanpaymentOptions.Section)).ValidateOnStart();
        services.AddOptions<PaymentsOptions>().Bind(configuration.GetSection(PaymentsOptions.Section)).ValidateOnStart();
        services.AddOptions<KeyVaultOptions>().Bind(configuration.GetSection(KeyVaultOptions.Section)).ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Configure(o =>
            {
                var connection = configuration.GetSection(StorageOptions.ConnectionKey);
                o.ConnectionString = connection.Value;
                o.AccountName = connection["accountName"];
                o.ClientId = connection["clientId"];
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OceanpaymentOptions>>(new OceanpaymentOptionsValidator(environment, vaultConfigured));
        services.AddSingleton<IValidateOptions<PaymentsOptions>>(new PaymentsOptionsValidator(environment));
        services.AddSingleton<IValidateOptions<KeyVaultOptions>>(new KeyVaultOptionsValidator(environment));
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<ReconcileOptions>().Bind(configuration.GetSection(ReconcileOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReconcileOptions>, ReconcileOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PaymentsTelemetry>();

        services.AddSingleton(sp => MethodCatalogueFactory.Create(sp.GetRequiredService<IOptions<OceanpaymentOptions>>().Value));
        services.AddSingleton(sp => BuildSettings(
            sp.GetRequiredService<IOptions<OceanpaymentOptions>>().Value,
            sp.GetRequiredService<IOptions<PaymentsOptions>>().Value,
            sp.GetRequiredService<MethodCatalogue>()));

        if (vaultConfigured)
        {
            services.AddSingleton<ISecureCodeSource>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
                var client = new SecretClient(new Uri(options.VaultUri!), Credential(environment, options.ManagedIdentityClientId));
                return ActivatorUtilities.CreateInstance<KeyVaultSecureCodeSource>(sp, client);
            });
        }
        else
        {
            // Without a vault the options validation has already refused any environment but Development.
            services.AddSingleton<ISecureCodeSource, ConfiguredSecureCodeSource>();
        }

        services.AddSingleton(sp => new MessageVerifier(sp.GetRequiredService<ISecureCodeSource>()));

        services.AddSingleton(sp => CreateTableService(sp.GetRequiredService<IOptions<StorageOptions>>().Value, environment));
        services.AddSingleton(sp => CreateQueueService(sp.GetRequiredService<IOptions<StorageOptions>>().Value, environment));
        services.AddSingleton<IPaymentStore>(sp => new TablePaymentStore(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.PaymentsTable)));
        services.AddSingleton<IReconcileScheduler>(sp => new QueueReconcileScheduler(
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ReconcileQueue)));

        services.AddHttpClient<IOceanpaymentClient, HttpOceanpaymentClient>(http =>
            {
                // Each call has its own timeout (from options); this is only a backstop.
                http.Timeout = TimeSpan.FromMinutes(5);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                SslOptions = { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 },
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            });
        return services;
    }

    internal static PaymentsSettings BuildSettings(OceanpaymentOptions oceanpayment, PaymentsOptions payments, MethodCatalogue methods)
    {
        // A base URL without a trailing slash would lose its last path segment when the return path is appended.
        var baseUrl = payments.PublicBaseUrl.EndsWith('/') ? payments.PublicBaseUrl : payments.PublicBaseUrl + "/";
        return new PaymentsSettings
        {
            Account = oceanpayment.Account,
            PublicBaseUrl = new Uri(baseUrl, UriKind.Absolute),
            Methods = methods,
            AllowedReturnOrigins = [.. payments.AllowedReturnOrigins.Select(o => o.TrimEnd('/'))],
            SignBackUrl = oceanpayment.SignBackUrl,
        };
    }

    private static TableServiceClient CreateTableService(StorageOptions options, IHostEnvironment environment)
        => !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.ConnectionString)
            : new TableServiceClient(new Uri($"https://{options.AccountName}.table.core.windows.net"), Credential(environment, options.ClientId));

    private static QueueServiceClient CreateQueueService(StorageOptions options, IHostEnvironment environment)
        => !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new QueueServiceClient(options.ConnectionString, QueueReconcileScheduler.ClientOptions())
            : new QueueServiceClient(new Uri($"https://{options.AccountName}.queue.core.windows.net"), Credential(environment, options.ClientId), QueueReconcileScheduler.ClientOptions());

    // Managed identity in Azure (user-assigned when a client id is given); developer credentials locally.
    private static TokenCredential Credential(IHostEnvironment environment, string? clientId)
        => !string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : environment.IsDevelopment()
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
}
