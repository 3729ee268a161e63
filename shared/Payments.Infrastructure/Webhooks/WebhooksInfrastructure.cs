using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Core.Events;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Prompt;

namespace Payments.Infrastructure.Webhooks;

/// <summary>Registers webhook delivery: settings (validated at start), endpoints, secrets, the queue outbox, the dispatcher and its HTTP client.</summary>
public static class WebhooksInfrastructure
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var vaultConfigured = !string.IsNullOrWhiteSpace(configuration[$"{KeyVaultOptions.Section}:{nameof(KeyVaultOptions.VaultUri)}"]);
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .Configure(o =>
            {
                o.Queue = configuration[WebhookNames.QueueKey] ?? o.Queue;
                o.DeadLetterQueue = configuration[WebhookNames.DeadLetterQueueKey] ?? o.DeadLetterQueue;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>>(new WebhookOptionsValidator(environment, vaultConfigured));

        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton(sp => new WebhookSecrets(
            sp.GetService<SecretClient>(), sp.GetRequiredService<IOptions<KeyVaultOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookSecrets>>()));
        services.AddSingleton(sp =>
        {
            var queues = sp.GetRequiredService<QueueServiceClient>();
            var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
            // Past one attempt's timeout, with the change signal's margin: the queue repeats a prompt attempt
            // only when this process did not finish it.
            var fallback = options.Timeout + sp.GetRequiredService<IOptions<EventsOptions>>().Value.FallbackDelay;
            return new QueueWebhookOutbox(
                queues.GetQueueClient(options.Queue), queues.GetQueueClient(options.DeadLetterQueue), sp.GetRequiredService<WebhookEndpoints>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<PromptLane<PromptDelivery>>(), fallback);
        });
        services.AddSingleton(new PromptLane<PromptDelivery>(Lanes.Capacity));
        services.AddSingleton<IWebhookOutbox>(sp => sp.GetRequiredService<QueueWebhookOutbox>());
        services.AddSingleton<WebhookDispatcher>();

        services.AddHttpClient(WebhookDispatcher.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            // No redirects: a redirect is not a delivery, the receiver must answer at the configured URL.
            .ConfigurePrimaryHttpMessageHandler(PaymentsInfrastructure.OutboundHandler)
            // The factory's loggers write the full request URL, which may hold the merchant's token.
            .RemoveAllLoggers();
        return services;
    }
}
