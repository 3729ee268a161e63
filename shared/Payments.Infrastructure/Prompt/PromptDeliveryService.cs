using Microsoft.Extensions.Logging;
using Payments.Infrastructure.Webhooks;

namespace Payments.Infrastructure.Prompt;

/// <summary>
/// Makes each first webhook attempt of an event published in this process at once, exactly as the queue
/// trigger would (the same dispatcher and retry policy), then deletes the attempt's queued message.
/// </summary>
public sealed class PromptDeliveryService(PromptLane<PromptDelivery> lane, WebhookDispatcher dispatcher, QueueWebhookOutbox outbox, ILogger<PromptDeliveryService> logger)
    : PromptLaneService<PromptDelivery>(lane, Workers, logger)
{
    /// <summary>Attempts in flight at once; each waits at most the webhook timeout on the merchant's endpoint.</summary>
    public const int Workers = 16;

    protected override string LaneName => "webhook delivery";

    protected override async Task HandleAsync(PromptDelivery item, CancellationToken cancellationToken)
    {
        await dispatcher.HandleAsync(item.Message, item.Event, cancellationToken).ConfigureAwait(false);
        await outbox.DeleteAsync(item.Handle, cancellationToken).ConfigureAwait(false);
    }
}
