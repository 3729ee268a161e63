using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Core.Webhooks;
using Payments.Infrastructure.Options;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// The signing secrets of an endpoint: from Key Vault, kept in memory for <c>KeyVault:CacheMinutes</c>
/// (a vault that cannot be read meanwhile leaves the last copy in use), or in Development from settings.
/// Values are never logged; only secret names are.
/// </summary>
public sealed partial class WebhookSecrets(SecretClient? vault, IOptions<KeyVaultOptions> keyVault, TimeProvider time, ILogger<WebhookSecrets> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The secrets to sign with, current first; null when none can be had (nothing can be sent).</summary>
    public async ValueTask<IReadOnlyList<WebhookSecret>?> GetAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var secrets = new List<WebhookSecret>(endpoint.Secrets.Count);
        foreach (var reference in endpoint.Secrets)
        {
            var secret = reference.SecretName is { } name
                ? await ReadAsync(name, cancellationToken).ConfigureAwait(false)
                : WebhookSecret.TryParse(reference.Value, out var parsed) ? parsed : null;
            if (secret is not null)
            {
                secrets.Add(secret);
            }
        }

        return secrets.Count == 0 ? null : secrets;
    }

    private async ValueTask<WebhookSecret?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _cache.TryGetValue(name, out var cached);
        if (cached is not null && now - cached.ReadAt < TimeSpan.FromMinutes(keyVault.Value.CacheMinutes))
        {
            return cached.Secret;
        }

        if (vault is null)
        {
            LogSecretUnreadable(logger, name, "no Key Vault is configured");
            return null;
        }

        try
        {
            var response = await vault.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!WebhookSecret.TryParse(response.Value.Value, out var secret))
            {
                LogSecretMalformed(logger, name);
            }

            _cache[name] = new Entry(secret, now);
            return secret;
        }
        catch (RequestFailedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSecretUnreadable(logger, name, $"Key Vault answered {ex.Status}");
            return cached?.Secret;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or Azure.Identity.AuthenticationFailedException)
        {
            LogSecretUnreadable(logger, name, ex.GetType().Name);
            return cached?.Secret;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook signing secret {SecretName} in Key Vault is not 'whsec_' and the base64 of 24 to 64 bytes: nothing is sent to its endpoint")]
    private static partial void LogSecretMalformed(ILogger logger, string secretName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook signing secret {SecretName} could not be read ({Reason}); the last copy is used if there is one")]
    private static partial void LogSecretUnreadable(ILogger logger, string secretName, string reason);

    private sealed record Entry(WebhookSecret? Secret, DateTimeOffset ReadAt);
}
