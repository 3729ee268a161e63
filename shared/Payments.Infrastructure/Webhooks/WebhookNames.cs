namespace Payments.Infrastructure.Webhooks;

/// <summary>The webhook queues' default names and setting keys, in one place.</summary>
public static class WebhookNames
{
    /// <summary>Delivery messages (overridable with <c>Storage:WebhookQueue</c>); at most 56 characters so <c>-poison</c> fits.</summary>
    public const string Queue = "webhook-deliveries";

    /// <summary>Deliveries given up after the last attempt (overridable with <c>Storage:WebhookDeadLetterQueue</c>).</summary>
    public const string DeadLetterQueue = "webhook-dead-letter";

    public const string QueueKey = "Storage:WebhookQueue";

    public const string DeadLetterQueueKey = "Storage:WebhookDeadLetterQueue";

    /// <summary>The trigger's binding expression: the host resolves it from the app setting <c>Storage__WebhookQueue</c>.</summary>
    public const string QueueSetting = "%" + QueueKey + "%";

    /// <summary>The poison queue the host fills when a delivery message fails every dequeue.</summary>
    public const string PoisonQueueSetting = QueueSetting + "-poison";
}
