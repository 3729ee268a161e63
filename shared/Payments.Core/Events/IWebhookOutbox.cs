namespace Payments.Core.Events;

/// <summary>
/// Hands an event to webhook delivery: one durable delivery message per configured endpoint that
/// subscribes to the event's type, each retried on its own. Called when an event is published and when
/// an operator or the merchant asks for a redelivery. Returns how many endpoints it was queued for.
/// </summary>
public interface IWebhookOutbox
{
    Task<int> EnqueueAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken);
}
