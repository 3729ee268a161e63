using Azure.Storage.Queues;
using Payments.Core.Events;
using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// <see cref="IWebhookOutbox"/> on Azure Queue Storage: one message per subscribed endpoint, so each
/// endpoint's retries run on their own and one endpoint down never holds up another. The same class
/// books the next attempt of a delivery and files a given-up delivery in the dead-letter queue.
/// Clients must use Base64 encoding, which the queue trigger expects.
/// </summary>
public sealed class QueueWebhookOutbox : IWebhookOutbox
{
    /// <summary>The longest time-to-live the service accepts for a delivery message.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(7);

    // -1 s: a dead letter never expires; an operator removes it.
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly WebhookEndpoints _endpoints;
    private readonly TimeProvider _time;
    private readonly EnsuredQueue _deliveries;
    private readonly EnsuredQueue _deadLetters;

    public QueueWebhookOutbox(QueueClient deliveries, QueueClient deadLetters, WebhookEndpoints endpoints, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(deadLetters);
        _endpoints = endpoints;
        _time = time;
        _deliveries = new EnsuredQueue(deliveries);
        _deadLetters = new EnsuredQueue(deadLetters);
    }

    public async Task<int> EnqueueAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merchantEvent);
        var now = _time.GetUtcNow();
        var count = 0;
        foreach (var endpoint in _endpoints.SubscribedTo(merchantEvent.Type))
        {
            await ScheduleAsync(new WebhookMessage(merchantEvent.Id, endpoint.Id, 1, now), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    /// <summary>Sends a delivery message that becomes visible after <paramref name="delay"/> (at most a day less than the time-to-live).</summary>
    public async Task ScheduleAsync(WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = await _deliveries.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var visible = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > TimeToLive - TimeSpan.FromDays(1) ? TimeToLive - TimeSpan.FromDays(1) : delay;
        await queue.SendMessageAsync(message.ToJson(), visible, TimeToLive, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeadLetterAsync(WebhookDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var queue = await _deadLetters.ReadyAsync(cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(deadLetter.ToJson(), TimeSpan.Zero, NeverExpires, cancellationToken).ConfigureAwait(false);
    }
}
