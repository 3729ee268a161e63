namespace Payments.Core.Webhooks;

/// <summary>The outcome of one delivery attempt: delivered, try again (which attempt, after how long), or give up.</summary>
public readonly record struct WebhookDecision(WebhookDecisionKind Kind, int NextAttempt, TimeSpan Delay)
{
    public static WebhookDecision Delivered => new(WebhookDecisionKind.Delivered, 0, TimeSpan.Zero);

    public static WebhookDecision DeadLetter => new(WebhookDecisionKind.DeadLetter, 0, TimeSpan.Zero);

    public static WebhookDecision RetryAfter(int nextAttempt, TimeSpan delay) => new(WebhookDecisionKind.Retry, nextAttempt, delay);

    /// <summary>The word kept in the payment's timeline.</summary>
    public string OutcomeName => Kind switch
    {
        WebhookDecisionKind.Delivered => "delivered",
        WebhookDecisionKind.Retry => "retrying",
        _ => "dead-lettered",
    };
}
