namespace Payments.Infrastructure.Options;

/// <summary>The <c>Events</c> section: how changes reach the list index and the events feed.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>
    /// How long after it is sent a change signal becomes visible to the projector when the app does not
    /// project the change itself (not hosted, or its in-process lane is full): long enough for the write
    /// it announces to commit (a write takes milliseconds; its retries a few seconds).
    /// </summary>
    public TimeSpan SignalDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When the app projects a committed change itself (as it does while hosted), its queued signal is the
    /// safety net: it becomes visible after this delay and is deleted once the projection is done, so the
    /// queue's projector sees it only when the process died or fell behind. A crash delays the change's
    /// projection by this much plus the queue's polling.
    /// </summary>
    public TimeSpan FallbackDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How far back a feed read without a cursor starts (from the start of that day, by the time events were
    /// appended). The feed has no settling delay: an event is readable once appended (the former
    /// <c>Events:FeedSettle</c> is not read; a leftover setting of that name changes nothing).
    /// </summary>
    public TimeSpan FeedStart { get; set; } = TimeSpan.FromDays(30);
}
