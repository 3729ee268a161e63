using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Payments.Infrastructure.Webhooks;

namespace Payments.Functions.Webhooks;

/// <summary>
/// A delivery message that failed every dequeue (the event store could not be read, say) is not left in
/// the poison queue unseen: it is filed in the dead-letter queue with the other given-up deliveries.
/// </summary>
public sealed partial class WebhookPoisonFunction(QueueWebhookOutbox outbox, TimeProvider time, ILogger<WebhookPoisonFunction> logger)
{
    [Function("WebhookPoison")]
    public async Task RunAsync(
        [QueueTrigger(WebhookNames.PoisonQueueSetting, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (!WebhookMessage.TryParse(message, out var parsed))
        {
            LogUnreadable();
            return;
        }

        await outbox.DeadLetterAsync(WebhookDeadLetter.From(parsed, endpointHost: null, time.GetUtcNow(), "poison"), cancellationToken);
        LogPoison(parsed.EventId, parsed.Endpoint, parsed.Attempt);
    }

    [LoggerMessage(EventId = WebhookDispatcher.PoisonEventId, Level = LogLevel.Error, Message = "Webhook {WebhookId} for endpoint {EndpointId} failed every dequeue at attempt {Attempt} and was put in the dead-letter queue")]
    private partial void LogPoison(string webhookId, string endpointId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "An unreadable webhook delivery message reached the poison queue and was dropped")]
    private partial void LogUnreadable();
}
