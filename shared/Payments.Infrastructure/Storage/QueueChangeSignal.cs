using Azure.Storage.Queues;
using Payments.Core.Events;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// <see cref="IPaymentChangeSignal"/> on Azure Queue Storage. The message is sent before the write it
/// announces and becomes visible after <see cref="FirstDelay"/>, by when the write has normally
/// committed; the projector looks again a few times (<see cref="RetryDelays"/>) when it has not.
/// </summary>
public sealed class QueueChangeSignal(QueueClient queue, TimeSpan firstDelay) : IPaymentChangeSignal
{
    /// <summary>When the projector looks again for a change it did not find yet: about a minute in all,
    /// far beyond the few seconds a write may take, after which the write is known to have failed.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
        [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(40)];

    private readonly EnsuredQueue _queue = new(queue);

    public TimeSpan FirstDelay { get; } = firstDelay;

    public Task SignalAsync(string orderNumber, long sequence, CancellationToken cancellationToken)
        => SendAsync(new ChangeMessage { OrderNumber = orderNumber, Sequence = sequence }, FirstDelay, cancellationToken);

    /// <summary>Looks again later for a change not found yet; false when the retries are used up.</summary>
    public async Task<bool> RetryAsync(ChangeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Attempt >= RetryDelays.Count)
        {
            return false;
        }

        await SendAsync(message with { Attempt = message.Attempt + 1 }, RetryDelays[message.Attempt], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends the message again, as new, after <paramref name="delay"/> (for one that failed every delivery).</summary>
    public Task SendAgainAsync(ChangeMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync(message with { Attempt = 0 }, delay, cancellationToken);
    }

    private async Task SendAsync(ChangeMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var client = await _queue.ReadyAsync(cancellationToken).ConfigureAwait(false);
        await client.SendMessageAsync(message.ToJson(), delay, QueueReconcileScheduler.TimeToLive, cancellationToken).ConfigureAwait(false);
    }
}
