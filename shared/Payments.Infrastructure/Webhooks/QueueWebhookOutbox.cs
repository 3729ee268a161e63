using Azure.Storage.Queues;
using Payments.Core.Events;
using Payments.Infrastructure.Prompt;
using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// <see cref="IWebhookOutbox"/> on Azure Queue Storage: one message per subscribed endpoint, so each
/// endpoint's retries run on their own and one endpoint down never holds up another. The same class
/// books the next attempt of a delivery and files a given-up delivery in the dead-letter queue.
/// While the app is hosted (the <see cref="PromptLane{T}"/> is open) a first attempt is made in this
/// process at once, and its message, sent invisible for <see cref="PromptFallbackDelay"/>, is only the
/// safety net (deleted after the attempt). Clients must use Base64 encoding, which the queue trigger expects.
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
    private readonly PromptLane<PromptDelivery> _lane;

    public QueueWebhookOutbox(QueueClient deliveries, QueueClient deadLetters, WebhookEndpoints endpoints, TimeProvider time, PromptLane<PromptDelivery> lane, TimeSpan promptFallbackDelay)
    {
        ArgumentNullException.ThrowIfNull(lane);
        _lane = lane;
        PromptFallbackDelay = promptFallbackDelay;
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
            var message = new WebhookMessage(merchantEvent.Id, endpoint.Id, 1, now);
            if (!_lane.IsOpen)
            {
                await ScheduleAsync(message, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var handle = await SendAsync(message, PromptFallbackDelay, cancellationToken).ConfigureAwait(false);
                if (!_lane.TryPost(new PromptDelivery(message, handle, merchantEvent)))
                {
                    await ReleaseAsync(handle, cancellationToken).ConfigureAwait(false);
                }
            }

            count++;
        }

        return count;
    }

    /// <summary>How long a first delivery's message stays invisible while this process attempts it: past
    /// an attempt's timeout, so that the queue repeats it only when this process did not finish it.</summary>
    public TimeSpan PromptFallbackDelay { get; }

    /// <summary>Deletes a delivery message the prompt attempt has dealt with; false when the queue already
    /// handed it out (the attempt then repeats, with the same <c>webhook-id</c>).</summary>
    public async Task<bool> DeleteAsync(string handle, CancellationToken cancellationToken)
        => await MessageHandle.DeleteAsync(await _deliveries.ReadyAsync(cancellationToken).ConfigureAwait(false), handle, cancellationToken).ConfigureAwait(false);

    // The lane is full or closing: the queue attempts it now instead of after the fallback delay.
    private async Task ReleaseAsync(string handle, CancellationToken cancellationToken)
        => await MessageHandle.ReleaseAsync(await _deliveries.ReadyAsync(cancellationToken).ConfigureAwait(false), handle, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends a delivery message that becomes visible after <paramref name="delay"/> (at most a day less than the time-to-live).</summary>
    public async Task ScheduleAsync(WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await SendAsync(message, delay, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SendAsync(WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await _deliveries.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var visible = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > TimeToLive - TimeSpan.FromDays(1) ? TimeToLive - TimeSpan.FromDays(1) : delay;
        var receipt = (await queue.SendMessageAsync(message.ToJson(), visible, TimeToLive, cancellationToken).ConfigureAwait(false)).Value;
        return MessageHandle.Format(receipt.MessageId, receipt.PopReceipt);
    }

    public async Task DeadLetterAsync(WebhookDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var queue = await _deadLetters.ReadyAsync(cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(deadLetter.ToJson(), TimeSpan.Zero, NeverExpires, cancellationToken).ConfigureAwait(false);
    }
}
