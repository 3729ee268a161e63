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
        => PaymentRecords.Event(
            Type,
            at,
            ("eventId", eventId),
            ("eventType", eventType),
            ("endpoint", endpointHost),
            ("attempt", attempt.ToString(CultureInfo.InvariantCulture)),
            ("status", result.Describe()),
            ("outcome", decision.OutcomeName));

    /// <summary>The record in plain words, for the payment's timeline.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string Get(string key) => values.TryGetValue(key, out var value) ? value : string.Empty;
        var answer = Get("status") switch
        {
            "timeout" => "no answer in time",
            "unreachable" => "could not connect",
            "no-secret" => "not sent, the signing secret could not be read",
            var status => "HTTP " + status,
        };
        var next = Get("outcome") switch
        {
            "delivered" => "delivered.",
            "retrying" => "it will be tried again later.",
            "dead-lettered" => "that was the last attempt; it is in the dead-letter queue for an operator.",
            var other => other + ".",
        };
        return $"Webhook {Get("eventType")} ({Get("eventId")}) to {Get("endpoint")}, attempt {Get("attempt")}: {answer}; {next}";
    }
}
