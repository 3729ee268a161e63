using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Payments.Infrastructure.Webhooks;

/// <summary>The configured endpoints, by id and by subscribed event type.</summary>
public sealed class WebhookEndpoints
{
    private readonly FrozenDictionary<string, WebhookEndpoint> _byId;

    public WebhookEndpoints(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        All = [.. options.Value.Endpoints.Select(e => new WebhookEndpoint(e))];
        _byId = All.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<WebhookEndpoint> All { get; }

    public WebhookEndpoint? Find(string id) => _byId.GetValueOrDefault(id);

    public IEnumerable<WebhookEndpoint> SubscribedTo(string eventType) => All.Where(e => e.Subscribes(eventType));
}
