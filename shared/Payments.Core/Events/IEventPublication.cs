namespace Payments.Core.Events;

/// <summary>The projector's side of the events stored beside a payment: which are not yet published.</summary>
public interface IEventPublication
{
    /// <summary>The order's events not yet published, oldest first: one partition query.</summary>
    Task<IReadOnlyList<MerchantEvent>> ListUnpublishedAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>Marks an event published (it is in the feed and handed to webhook delivery).</summary>
    Task MarkPublishedAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken);
}
