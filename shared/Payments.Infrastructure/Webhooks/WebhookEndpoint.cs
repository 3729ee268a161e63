using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// A configured endpoint. <see cref="Id"/> is a stable hash of its URL, so a queued delivery still finds
/// its endpoint after the list is reordered, and finds none once the endpoint is removed.
/// </summary>
public sealed class WebhookEndpoint
{
    private readonly FrozenSet<string>? _events;

    internal WebhookEndpoint(WebhookEndpointOptions options)
    {
        Url = new Uri(options.Url!, UriKind.Absolute);
        Id = IdOf(Url);
        var events = options.Events!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        _events = events is ["*"] ? null : events.ToFrozenSet(StringComparer.Ordinal);
        Secrets = options.SecretReferences();
    }

    /// <summary><c>ep_</c> and 16 hex digits of the SHA-256 of the URL.</summary>
    public string Id { get; }

    public Uri Url { get; }

    /// <summary>What logs and the timeline name the endpoint by: its host, never the whole URL (which may carry a token).</summary>
    public string Host => Url.IsDefaultPort ? Url.Host : $"{Url.Host}:{Url.Port}";

    /// <summary>The current secret, then the second one while it is being rotated.</summary>
    public IReadOnlyList<WebhookSecretReference> Secrets { get; }

    public bool Subscribes(string eventType) => _events is null || _events.Contains(eventType);

    public static string IdOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return "ep_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri)))[..16];
    }
}
