using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Payments.Core.Events;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// One delivery of one event to one endpoint, as a queue message:
/// <c>{"eventId":"evt_..","endpoint":"ep_..","attempt":1,"firstAttemptAt":"..."}</c>. It names the event
/// and the endpoint and carries no body, URL or secret: the body is read from the event store and the
/// endpoint from settings when the attempt is made.
/// </summary>
public sealed record WebhookMessage(string EventId, string Endpoint, int Attempt, DateTimeOffset FirstAttemptAt)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>False for anything that is not a well-formed delivery message.</summary>
    public static bool TryParse(string? json, [NotNullWhen(true)] out WebhookMessage? message)
    {
        message = null;
        if (string.IsNullOrEmpty(json) || json.Length > 1024)
        {
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize<WebhookMessage>(json, Json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (message is null || !EventIds.TryParse(message.EventId, out _, out _) || message.Attempt < 1
            || message.Endpoint is not { Length: 19 } || !message.Endpoint.StartsWith("ep_", StringComparison.Ordinal))
        {
            message = null;
            return false;
        }

        return true;
    }
}
