using Payments.Core.Webhooks;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// The <c>Webhooks</c> section: the merchant's endpoints and how deliveries are timed. No endpoints
/// means webhooks are off. The queue names come from the <c>Storage</c> section
/// (<c>Storage:WebhookQueue</c>, <c>Storage:WebhookDeadLetterQueue</c>), beside the other queues.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>How long one POST may take, connection included; past it the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(12);

    /// <summary>No attempt is made later than this after the first one; the delivery is dead-lettered instead.</summary>
    public TimeSpan RetryHorizon { get; set; } = TimeSpan.FromDays(3);

    public double RetryJitter { get; set; } = 0.2;

    /// <summary>Bound from <c>Storage:WebhookQueue</c>.</summary>
    public string Queue { get; set; } = WebhookNames.Queue;

    /// <summary>Bound from <c>Storage:WebhookDeadLetterQueue</c>.</summary>
    public string DeadLetterQueue { get; set; } = WebhookNames.DeadLetterQueue;

    public WebhookRetryPolicy ToPolicy() => new()
    {
        FirstDelay = FirstRetryDelay,
        MaxDelay = MaxRetryDelay,
        Horizon = RetryHorizon,
        Jitter = RetryJitter,
    };
}
