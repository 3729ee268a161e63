using System.Text.Json;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// A delivery given up, as a dead-letter queue message: the delivery message's fields plus the endpoint's
/// host, how many attempts were made, when the last one was and what it got (<see cref="LastStatus"/>: an
/// HTTP status, or <c>timeout</c>, <c>unreachable</c>, <c>no-secret</c>, <c>poison</c>). An operator
/// replays it with <c>POST /api/events/{eventId}/redeliver</c>.
/// </summary>
public sealed record WebhookDeadLetter(string EventId, string Endpoint, string? EndpointHost, int Attempts, DateTimeOffset FirstAttemptAt, DateTimeOffset LastAttemptAt, string LastStatus)
{
    public static WebhookDeadLetter From(WebhookMessage message, string? endpointHost, DateTimeOffset lastAttemptAt, string lastStatus)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.EventId, message.Endpoint, endpointHost, message.Attempt, message.FirstAttemptAt, lastAttemptAt, lastStatus);
    }

    public string ToJson() => JsonSerializer.Serialize(this, WebhookMessage.Json);
}
