using System.Globalization;
using Payments.Core.Application;

namespace Payments.Core.Webhooks;

/// <summary>
/// The timeline record of one webhook delivery attempt (kind <c>event</c>, type <c>webhook</c>): the
/// event, the endpoint's host (never its full URL, which may carry a token), the attempt, the HTTP
/// status or why there was none, and what happens next. No body, secret or signature.
/// </summary>
public static class WebhookRecords
{
    public const string Type = "webhook";

    public static PaymentRecord Attempt(string eventId, string eventType, string endpointHost, int attempt, WebhookAttemptResult result, WebhookDecision decision, DateTimeOffset at)
        => new WebhookAttemptRecord(eventId, eventType, endpointHost, attempt.ToString(CultureInfo.InvariantCulture), result.Describe(), decision.OutcomeName).ToRecord(at);
}
