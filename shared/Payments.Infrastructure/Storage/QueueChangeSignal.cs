using Azure.Storage.Queues;
using Payments.Core.Events;
using Payments.Infrastructure.Prompt;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// <see cref="IPaymentChangeSignal"/> on Azure Queue Storage, with the projection done in this process
/// right after the commit. The message is sent before the write it announces. While the app is hosted
/// (its <see cref="PromptLane{T}"/> is open) it becomes visible only after <see cref="FallbackDelay"/>:
/// the committed change goes to the lane, is projected at once, and the message is deleted; the queue
/// trigger sees it only if this process died or failed first. Without the lane it becomes visible after
/// <see cref="FirstDelay"/>, by when the write has normally committed. The projector looks again a few
/// times (<see cref="RetryDelays"/>) for a change it does not find yet.
/// </summary>
public sealed class QueueChangeSignal(QueueClient queue, TimeSpan firstDelay, TimeSpan fallbackDelay, PromptLane<ChangeSignal> lane) : IPaymentChangeSignal
{
    /// <summary>When the projector looks again for a change it did not find yet: about a minute in all,
    /// far beyond the few seconds a write may take, after which the write is known to have failed.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
        [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(40)];

    private readonly EnsuredQueue _queue = new(queue);

    public TimeSpan FirstDelay { get; } = firstDelay;

    public TimeSpan FallbackDelay { get; } = fallbackDelay;

    public async Task<ChangeSignal> SignalAsync(string orderNumber, long sequence, CancellationToken cancellationToken)
    {
        var prompt = lane.IsOpen;
        var receipt = await SendAsync(new ChangeMessage { OrderNumber = orderNumber, Sequence = sequence }, prompt ? FallbackDelay : FirstDelay, cancellationToken).ConfigureAwait(false);
        return new ChangeSignal(orderNumber, sequence, prompt ? MessageHandle.Format(receipt.MessageId, receipt.PopReceipt) : null);
    }

    public async Task ConcludeAsync(ChangeSignal signal, WriteOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.Handle is null)
        {
            // Sent to be handled by the queue: nothing to do here.
            return;
        }

        if (outcome == WriteOutcome.NotCommitted)
        {
            await WithdrawAsync(signal, cancellationToken).ConfigureAwait(false);
        }
        else if (!lane.TryPost(signal))
        {
            // The lane is full or closing: let the queue have the message now rather than after the fallback delay.
            await ReleaseAsync(signal, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the durable signal of a change projected (or certainly never written); false when the
    /// queue had already handed it out (the fallback delay passed), which only repeats the projection.</summary>
    public async Task<bool> WithdrawAsync(ChangeSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return await MessageHandle.DeleteAsync(await _queue.ReadyAsync(cancellationToken).ConfigureAwait(false), signal.Handle, cancellationToken).ConfigureAwait(false);
    }

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
    public async Task SendAgainAsync(ChangeMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await SendAsync(message with { Attempt = 0 }, delay, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(ChangeSignal signal, CancellationToken cancellationToken)
        => await MessageHandle.ReleaseAsync(await _queue.ReadyAsync(cancellationToken).ConfigureAwait(false), signal.Handle, cancellationToken).ConfigureAwait(false);

    private async Task<Azure.Storage.Queues.Models.SendReceipt> SendAsync(ChangeMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var client = await _queue.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return (await client.SendMessageAsync(message.ToJson(), delay, QueueReconcileScheduler.TimeToLive, cancellationToken).ConfigureAwait(false)).Value;
    }
}
