namespace Payments.Core.Events;

/// <summary>
/// Every merchant event of every payment, once each, in the order they were added (the projector adds
/// them shortly after their change commits, a payment's events in sequence order), read in pages with
/// a cursor. An event is readable as soon as it is added, and a cursor never passes an event that is
/// still on its way: an event added late comes after every cursor already given.
/// </summary>
public interface IEventFeed
{
    /// <summary>
    /// Adds the event at the end of the feed; adding it again changes nothing. A payment's events must be
    /// added in sequence order, each after the previous one's add has returned.
    /// </summary>
    Task AppendAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> events after <paramref name="after"/> (a cursor this feed gave, or
    /// null for the oldest kept). Null when <paramref name="after"/> is not a cursor this feed gives.
    /// </summary>
    Task<EventFeedPage?> ReadAsync(string? after, int limit, CancellationToken cancellationToken);
}

/// <summary>A page of the feed: the events, the cursor to read on from, and whether more are ready now.</summary>
public sealed record EventFeedPage(IReadOnlyList<MerchantEvent> Events, string Next, bool HasMore);
