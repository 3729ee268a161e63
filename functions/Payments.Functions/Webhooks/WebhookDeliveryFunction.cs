using Microsoft.Azure.Functions.Worker;
using Payments.Infrastructure.Webhooks;

namespace Payments.Functions.Webhooks;

/// <summary>One webhook delivery attempt per queue message. A failed attempt books the next one as a new message; it does not throw.</summary>
public sealed class WebhookDeliveryFunction(WebhookDispatcher dispatcher)
{
    [Function("DeliverWebhook")]
    public Task RunAsync(
        [QueueTrigger(WebhookNames.QueueSetting, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (!WebhookMessage.TryParse(message, out var parsed))
        {
            // Retrying cannot make it readable: let it reach the poison queue.
            throw new FormatException("The webhook delivery message is not readable.");
        }

        return dispatcher.HandleAsync(parsed, cancellationToken);
    }
}
