using System.Globalization;

namespace Payments.Core.Webhooks;

/// <summary>
/// What one POST to an endpoint came to: the HTTP status it answered, or why there was none
/// (<c>timeout</c>, <c>unreachable</c>, <c>no-secret</c>). Only a 2xx status is a delivery.
/// </summary>
public readonly record struct WebhookAttemptResult(int? Status, string? Failure)
{
    public static WebhookAttemptResult Answered(int status) => new(status, null);

    public static WebhookAttemptResult TimedOut => new(null, "timeout");

    public static WebhookAttemptResult Unreachable => new(null, "unreachable");

    /// <summary>The endpoint's signing secret could not be read: nothing was sent.</summary>
    public static WebhookAttemptResult NoSecret => new(null, "no-secret");

    public bool IsDelivered => Status is >= 200 and <= 299;

    /// <summary>The status as a number, or the reason there is none.</summary>
    public string Describe() => Status is { } status ? status.ToString(CultureInfo.InvariantCulture) : Failure ?? "unknown";
}
