using Payments.Core.Application;

namespace Payments.Core.Events;

/// <summary>
/// Carries a committed change out of its payment's partition: refreshes the payment's row in the list
/// index, then publishes each event the partition holds unpublished (into the events feed, then to
/// webhook delivery, then marks it published). Every step can be repeated without harm, so a signal
/// handled twice, or a crash between steps, only repeats work; webhook receivers drop a repeated
/// delivery by its <c>webhook-id</c>.
/// </summary>
public sealed class ChangeProjector(IPaymentStore store, IPaymentIndex index, IEventPublication events, IEventFeed feed, IWebhookOutbox outbox)
{
    public async Task<ProjectionOutcome> ProjectAsync(string orderNumber, long sequence, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Data.ChangeSequence < sequence)
        {
            // Signalled before its write: the write is not visible yet, or it never committed.
            return ProjectionOutcome.NotYet;
        }

        await index.ProjectAsync(stored.Data, cancellationToken).ConfigureAwait(false);
        var published = 0;
        foreach (var merchantEvent in await events.ListUnpublishedAsync(orderNumber, cancellationToken).ConfigureAwait(false))
        {
            await feed.AppendAsync(merchantEvent, cancellationToken).ConfigureAwait(false);
            await outbox.EnqueueAsync(merchantEvent, cancellationToken).ConfigureAwait(false);
            await events.MarkPublishedAsync(merchantEvent, cancellationToken).ConfigureAwait(false);
            published++;
        }

        return published > 0 ? ProjectionOutcome.Published : ProjectionOutcome.Indexed;
    }
}

public enum ProjectionOutcome
{
    /// <summary>The signalled change is not (yet) in storage.</summary>
    NotYet,

    /// <summary>The index is up to date; there was no event to publish.</summary>
    Indexed,

    /// <summary>The index is up to date and events were published.</summary>
    Published,
}
