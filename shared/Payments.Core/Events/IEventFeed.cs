namespace Payments.Core.Events;

/// <summary>
/// Every merchant event of every payment in the order they happened (by the time their change was
/// written), read in pages with a cursor. Events are added by the projector shortly after their change
/// commits, so the feed only shows events older than a settling delay: a cursor never passes an
/// event that is still on its way.
/// </summary>
public interface IEventFeed
{
    /// <summary>Adds the event; adding it again changes nothing.</summary>
    Task AppendAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> events after <paramref name="after"/> (a cursor this feed gave, or
    /// null for the oldest kept). Null when <paramref name="after"/> is not a cursor this feed gives.
    /// </summary>
    Task<EventFeedPage?> ReadAsync(string? after, int limit, CancellationToken cancellationToken);
}

/// <summary>A page of the feed: the events, the cursor to read on from, and whether more are ready now.</summary>
public sealed record EventFeedPage(IReadOnlyList<MerchantEvent> Events, string Next, bool HasMore);
