using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Payments.Core.Events;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Storage;

/// <summary>The events feed on Azurite: time order across shards and days, cursors, the settling delay.</summary>
[Trait("Category", "Integration")]
public sealed class EventFeedTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 22, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(Start.AddDays(3));
    private readonly TableEventFeed _feed;

    public EventFeedTests()
        => _feed = new TableEventFeed(new PaymentsTable(Azurite.Table(Azurite.UniqueTableName("feed"))), _clock, Settle, TimeSpan.FromDays(5));

    [Fact]
    public async Task ReadAsync_EventsOfManyOrdersOverDays_PagesThroughAllInTimeOrderOnce()
    {
        // Appended out of order, over four days and every shard.
        var events = Enumerable.Range(0, 40).Select(i => Event($"FEED-{i % 13:D2}", i + 1, Start.AddMinutes(97 * i))).ToList();
        foreach (var e in events.OrderBy(e => e.OrderNumber, StringComparer.Ordinal))
        {
            await _feed.AppendAsync(e, None);
        }

        var read = await ReadAllAsync(after: null, limit: 6);

        Assert.Equal(events.Select(e => e.Id), read.Select(e => e.Id));
        Assert.Equal(events[7].Body.ToArray(), read[7].Body.ToArray());
    }

    [Fact]
    public async Task AppendAsync_Twice_ShowsTheEventOnce()
    {
        var e = Event("TWICE", 1, Start);
        await _feed.AppendAsync(e, None);
        await _feed.AppendAsync(e, None);

        Assert.Single(await ReadAllAsync(after: null, limit: 10));
    }

    [Fact]
    public async Task ReadAsync_EventNewerThanTheSettlingDelay_WaitsAndTheCursorDoesNotPassIt()
    {
        var now = _clock.GetUtcNow();
        await _feed.AppendAsync(Event("SETTLED", 1, now - Settle - TimeSpan.FromSeconds(1)), None);
        await _feed.AppendAsync(Event("FRESH", 1, now - TimeSpan.FromSeconds(5)), None);

        var first = (await _feed.ReadAsync(null, 10, None))!;
        Assert.Equal(["SETTLED"], first.Events.Select(e => e.OrderNumber));
        Assert.False(first.HasMore);
        // An event the projector adds late, but within the delay, still lands after the cursor.
        await _feed.AppendAsync(Event("LATE", 1, now - TimeSpan.FromSeconds(20)), None);
        _clock.Advance(Settle);

        var second = (await _feed.ReadAsync(first.Next, 10, None))!;

        Assert.Equal(["LATE", "FRESH"], second.Events.Select(e => e.OrderNumber));
        Assert.Empty((await _feed.ReadAsync(second.Next, 10, None))!.Events);
    }

    [Fact]
    public async Task ReadAsync_WithoutCursor_StartsAtTheConfiguredStart()
    {
        await _feed.AppendAsync(Event("TOO-OLD", 1, _clock.GetUtcNow().AddDays(-6)), None);
        await _feed.AppendAsync(Event("KEPT", 1, _clock.GetUtcNow().AddDays(-4)), None);

        Assert.Equal(["KEPT"], (await ReadAllAsync(after: null, limit: 10)).Select(e => e.OrderNumber));
    }

    [Theory]
    [InlineData("!")]
    [InlineData("eHh4")]
    [InlineData("MjAyNjExMjl8Jy8n")] // "20261129|'/'"
    public async Task ReadAsync_NotACursor_Null(string cursor)
        => Assert.Null(await _feed.ReadAsync(cursor, 10, None));

    private static MerchantEvent Event(string order, long sequence, DateTimeOffset at)
    {
        var id = EventIds.Format(order, sequence);
        return new MerchantEvent(id, order, sequence, MerchantEventTypes.PaymentSucceeded, at, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"));
    }

    private async Task<List<MerchantEvent>> ReadAllAsync(string? after, int limit)
    {
        var all = new List<MerchantEvent>();
        for (var pages = 0; pages < 100; pages++)
        {
            var page = (await _feed.ReadAsync(after, limit, None))!;
            all.AddRange(page.Events);
            after = page.Next;
            if (!page.HasMore)
            {
                return all;
            }
        }

        throw new InvalidOperationException("The feed never ended.");
    }
}
