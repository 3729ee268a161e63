using Azure.Storage.Queues;
using Payments.Core.Application;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// <see cref="IReconcileScheduler"/> on Azure Queue Storage: one delayed JSON message per request.
/// The queue client must use Base64 encoding, which the Functions queue trigger expects.
/// </summary>
public sealed class QueueReconcileScheduler : IReconcileScheduler
{
    /// <summary>The longest time-to-live the service accepts.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(7);

    /// <summary>The longest delay: visibility must stay below the time-to-live, with room for the function to run.</summary>
    public static readonly TimeSpan MaxDelay = TimeToLive - TimeSpan.FromHours(1);

    private readonly EnsuredQueue _queue;

    public QueueReconcileScheduler(QueueClient queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _queue = new EnsuredQueue(queue);
    }

    /// <summary>The queue client options every producer for the reconcile trigger must use.</summary>
    public static QueueClientOptions ClientOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public async Task ScheduleAsync(ReconcileRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        var message = ReconcileMessage.From(request);
        if (!message.IsWellFormed)
        {
            throw new ArgumentException("The reconcile request has a malformed order number, attempt or reason.", nameof(request));
        }

        var client = await _queue.ReadyAsync(cancellationToken).ConfigureAwait(false);
        await client.SendMessageAsync(message.ToJson(), VisibilityDelay(delay), TimeToLive, cancellationToken).ConfigureAwait(false);
    }

    internal static TimeSpan VisibilityDelay(TimeSpan delay)
        => delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
}
