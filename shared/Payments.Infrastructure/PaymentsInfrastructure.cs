using System.Net;
using System.Security.Authentication;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Infrastructure.Gateway;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Prompt;
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
            .Configure(o => ReadStorageConnection(configuration.GetSection(StorageOptions.ConnectionKey), o))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OceanpaymentOptions>>(new OceanpaymentOptionsValidator(environment, vaultConfigured));
        services.AddSingleton<IValidateOptions<PaymentsOptions>>(new PaymentsOptionsValidator(environment));
        services.AddSingleton<IValidateOptions<KeyVaultOptions>>(new KeyVaultOptionsValidator(environment));
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<ReconcileOptions>().Bind(configuration.GetSection(ReconcileOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReconcileOptions>, ReconcileOptionsValidator>();
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PaymentsTelemetry>();

        services.AddSingleton(sp => TerminalRoutingFactory.CreateValid(sp.GetRequiredService<IOptions<OceanpaymentOptions>>().Value));
        services.AddSingleton(sp => BuildSettings(
            sp.GetRequiredService<IOptions<OceanpaymentOptions>>().Value,
            sp.GetRequiredService<IOptions<PaymentsOptions>>().Value,
            sp.GetRequiredService<TerminalRouting>()));

        AddAzureSdkClients(services, environment, vaultConfigured);
        if (vaultConfigured)
        {
            services.AddSingleton<ISecureCodeSource>(sp => ActivatorUtilities.CreateInstance<KeyVaultSecureCodeSource>(sp, sp.GetRequiredService<SecretClient>()));
        }
        else
        {
            // Without a vault the options validation has already refused any environment but Development.
            services.AddSingleton<ISecureCodeSource, ConfiguredSecureCodeSource>();
        }

        services.AddSingleton(sp => new MessageVerifier(sp.GetRequiredService<ISecureCodeSource>()));

        services.AddSingleton(sp => new PaymentsTable(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.PaymentsTable)));
        services.AddSingleton<PaymentChanges>();
        services.AddSingleton(new PromptLane<ChangeSignal>(Lanes.Capacity));
        services.AddSingleton(sp => new QueueChangeSignal(
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ChangesQueue),
            sp.GetRequiredService<IOptions<EventsOptions>>().Value.SignalDelay,
            sp.GetRequiredService<IOptions<EventsOptions>>().Value.FallbackDelay,
            sp.GetRequiredService<PromptLane<ChangeSignal>>()));
        services.AddSingleton<IPaymentChangeSignal>(sp => sp.GetRequiredService<QueueChangeSignal>());
        services.AddSingleton<IPaymentStore, TablePaymentStore>();
        services.AddSingleton<TableOpenPaymentIndex>();
        services.AddSingleton<IOpenPaymentIndex>(sp => sp.GetRequiredService<TableOpenPaymentIndex>());
        services.AddSingleton<IOpenPaymentIndexWriter>(sp => sp.GetRequiredService<TableOpenPaymentIndex>());
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<TableMerchantEvents>();
        services.AddSingleton<IMerchantEvents>(sp => sp.GetRequiredService<TableMerchantEvents>());
        services.AddSingleton<IEventPublication>(sp => sp.GetRequiredService<TableMerchantEvents>());
        services.AddSingleton<TablePaymentIndex>();
        services.AddSingleton<IPaymentIndex>(sp => sp.GetRequiredService<TablePaymentIndex>());
        services.AddSingleton<ListIndexBackfill>();
        services.AddSingleton<IEventFeed>(sp =>
        {
            var events = sp.GetRequiredService<IOptions<EventsOptions>>().Value;
            return new TableEventFeed(sp.GetRequiredService<PaymentsTable>(), sp.GetRequiredService<TimeProvider>(), events.FeedStart);
        });
        services.AddSingleton<IReconcileScheduler>(sp => new QueueReconcileScheduler(
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ReconcileQueue)));

        services.AddHttpClient<IOceanpaymentClient, HttpOceanpaymentClient>(http =>
            {
                // Each call has its own timeout (from options); this is only a backstop.
                http.Timeout = TimeSpan.FromMinutes(5);
            })
            .ConfigurePrimaryHttpMessageHandler(OutboundHandler);
        return services;
    }

    /// <summary>The handler of calls out of the app (Oceanpayment, webhooks): TLS 1.2+, no redirects, no cookies.</summary>
    internal static SocketsHttpHandler OutboundHandler() => new()
    {
        SslOptions = { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 },
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
    };

    internal static PaymentsSettings BuildSettings(OceanpaymentOptions oceanpayment, PaymentsOptions payments, TerminalRouting routing)
    {
        // A base URL without a trailing slash would lose its last path segment when the return path is appended.
        var baseUrl = payments.PublicBaseUrl.EndsWith('/') ? payments.PublicBaseUrl : payments.PublicBaseUrl + "/";
        return new PaymentsSettings
        {
            PublicBaseUrl = new Uri(baseUrl, UriKind.Absolute),
            Routing = routing,
            AllowedReturnOrigins = [.. payments.AllowedReturnOrigins.Select(o => o.TrimEnd('/'))],
            SignBackUrl = oceanpayment.SignBackUrl,
        };
    }

    /// <summary>
    /// The table, queue and secret clients, through the Azure client factory, with the timeouts and
    /// retries of <c>Storage:Retry</c> and <c>KeyVault:Retry</c>. Storage is reached like the Functions
    /// host reaches <c>AzureWebJobsStorage</c>: a connection string, or an identity and the service URIs.
    /// </summary>
    private static void AddAzureSdkClients(IServiceCollection services, IHostEnvironment environment, bool vaultConfigured)
    {
        static StorageOptions Storage(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        static KeyVaultOptions Vault(IServiceProvider sp) => sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value;

        services.AddAzureClients(clients =>
        {
            clients.AddClient<TableServiceClient, TableClientOptions>((options, sp) => CreateTableService(Storage(sp), environment, options))
                .ConfigureOptions((options, sp) => Storage(sp).Retry.ApplyTo(options));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, sp) => CreateQueueService(Storage(sp), environment, options))
                .ConfigureOptions((options, sp) =>
                {
                    Storage(sp).Retry.ApplyTo(options);
                    options.MessageEncoding = QueueReconcileScheduler.ClientOptions().MessageEncoding;
                });
            if (vaultConfigured)
            {
                clients.AddClient<SecretClient, SecretClientOptions>((options, sp) =>
                        new SecretClient(new Uri(Vault(sp).VaultUri!), Credential(environment, Vault(sp).ManagedIdentityClientId), options))
                    .ConfigureOptions((options, sp) => Vault(sp).Retry.ApplyTo(options));
            }
        });

        // The client factory forwards the SDK's event source to ILogger; at Information that is a line
        // per storage request, so only its warnings and errors are kept.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Warning));
    }

    private static TableServiceClient CreateTableService(StorageOptions storage, IHostEnvironment environment, TableClientOptions options)
        => storage.UsesConnectionString
            ? new TableServiceClient(storage.ConnectionString, options)
            : new TableServiceClient(storage.TableEndpoint, StorageCredential(environment, storage), options);

    private static QueueServiceClient CreateQueueService(StorageOptions storage, IHostEnvironment environment, QueueClientOptions options)
        => storage.UsesConnectionString
            ? new QueueServiceClient(storage.ConnectionString, options)
            : new QueueServiceClient(storage.QueueEndpoint, StorageCredential(environment, storage), options);

    /// <summary>Reads <c>AzureWebJobsStorage</c> as the Functions host does: its value is a connection string, its children identity-based settings.</summary>
    private static void ReadStorageConnection(IConfigurationSection connection, StorageOptions options)
    {
        options.ConnectionString = connection.Value;
        options.AccountName = connection["accountName"];
        options.TableServiceUri = connection["tableServiceUri"];
        options.QueueServiceUri = connection["queueServiceUri"];
        options.Credential = connection["credential"];
        options.ClientId = connection["clientId"];
    }

    /// <summary><c>credential=managedidentity</c> means a managed identity everywhere (user-assigned with a client id); otherwise as <see cref="Credential"/>.</summary>
    internal static TokenCredential StorageCredential(IHostEnvironment environment, StorageOptions options)
        => string.Equals(options.Credential, StorageOptions.ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrWhiteSpace(options.ClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(options.ClientId))
            : Credential(environment, options.ClientId);

    // Managed identity in Azure (user-assigned when a client id is given); developer credentials locally.
    private static TokenCredential Credential(IHostEnvironment environment, string? clientId)
        => !string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : environment.IsDevelopment()
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
}
