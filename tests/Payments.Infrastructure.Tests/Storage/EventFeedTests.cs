using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Payments.Core.Events;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;
using Xunit.Abstractions;

namespace Payments.Infrastructure.Tests.Storage;

/// <summary>
/// The events feed on Azurite: positions given at append, so an event is readable at once and a cursor
/// never passes one that comes late; repeated and concurrent appends; the start without a cursor; cursors.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EventFeedTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 22, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FeedStart = TimeSpan.FromDays(5);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly string _tableName = Azurite.UniqueTableName("feed");

    [Fact]
    public async Task ReadAsync_RightAfterAppend_ReturnsTheEvent()
    {
        var feed = Feed();
        var caughtUp = (await feed.ReadAsync(null, 10, None))!;
        Assert.Empty(caughtUp.Events);

        await feed.AppendAsync(Event("FRESH", 1), None);
        // Same instant: there is no settling delay to wait out.
        var page = (await feed.ReadAsync(caughtUp.Next, 10, None))!;

        Assert.Equal(["evt_FRESH.1"], page.Events.Select(e => e.Id));
        Assert.False(page.HasMore);
        Assert.Empty((await feed.ReadAsync(page.Next, 10, None))!.Events);
    }

    [Fact]
    public async Task ReadAsync_EventsOfManyOrders_PagesThroughAllOnceInAppendOrder()
    {
        var feed = Feed();
        var events = Enumerable.Range(0, 40).Select(i => Event($"FEED-{i % 13:D2}", (i / 13) + 1)).ToList();
        foreach (var e in events)
        {
            await feed.AppendAsync(e, None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var read = await ReadAllAsync(feed, after: null, limit: 6);

        // Every shard is read and the pages merge them by the time each event was appended.
        Assert.Equal(events.Select(e => e.Id), read.Select(e => e.Id));
        Assert.Equal(events[7].Body.ToArray(), read[7].Body.ToArray());
        Assert.Equal(events[7].CreatedAt, read[7].CreatedAt);
    }

    [Fact]
    public async Task AppendAsync_Twice_ShowsTheEventOnce_TheRepeatIsOneReadAndOneRefusedBatch()
    {
        var counter = new RequestCounter();
        var feed = Feed(Azurite.Table(_tableName, counter));
        var e = Event("TWICE", 1);
        await feed.AppendAsync(e, None);
        var before = counter.Count;

        await feed.AppendAsync(e, None);

        Assert.Equal(2, counter.Count - before);
        Assert.Equal(["evt_TWICE.1"], (await ReadAllAsync(feed, after: null, limit: 10)).Select(x => x.Id));
        Assert.Equal([1L], await PositionsAsync(ShardOf("TWICE")));
    }

    [Fact]
    public async Task AppendAsync_AnotherInstanceAppendsToTheShardInBetween_ReadsTheHeadAgainAndAppendsAfterIt()
    {
        var other = Feed();
        var first = "RACE-0";
        var second = OrderOnShard("RACE-", ShardOf(first), skip: first);
        var counter = new RequestCounter();
        // Just before this instance's batch goes out, the other instance appends to the same shard.
        var interpose = new BeforeFirstBatch(() => other.AppendAsync(Event(second, 1), None));
        var feed = Feed(Client(_tableName, counter, interpose));
        await feed.ReadAsync(null, 1, None);
        var before = counter.Count;

        await feed.AppendAsync(Event(first, 1), None);

        // Attempt 1: read the head, batch refused (412 on the head); attempt 2: read it again, batch.
        Assert.Equal(4, counter.Count - before);
        Assert.Equal([$"evt_{second}.1", $"evt_{first}.1"], (await ReadAllAsync(feed, after: null, limit: 10)).Select(x => x.Id));
        Assert.Equal([1L, 2L], await PositionsAsync(ShardOf(first)));
    }

    [Fact]
    public async Task ReadAsync_ProjectorOutageOfHours_TheEarlierCursorGetsEveryLateEventOnceInPaymentOrder()
    {
        var reader = Feed();
        await reader.AppendAsync(Event("OUT-A", 1), None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await reader.AppendAsync(Event("OUT-B", 1), None);
        var beforeOutage = await ReadToEndAsync(reader, null);
        Assert.Equal(["evt_OUT-A.1", "evt_OUT-B.1"], beforeOutage.Events.Select(e => e.Id));

        // The changes commit, but the projector is down: nothing reaches the feed while readers keep reading.
        var late = new[] { Event("OUT-A", 2), Event("OUT-C", 1), Event("OUT-A", 3), Event("OUT-B", 2), Event("OUT-C", 2), Event("OUT-D", 1) };
        _clock.Advance(TimeSpan.FromHours(1));
        var duringOutage = await ReadToEndAsync(reader, beforeOutage.Next);
        Assert.Empty(duringOutage.Events);

        // Hours later another instance projects the backlog, changes stamped hours ago.
        _clock.Advance(TimeSpan.FromHours(5));
        var projector = Feed();
        foreach (var e in late)
        {
            await projector.AppendAsync(e, None);
        }

        var afterOutage = await ReadAllAsync(reader, duringOutage.Next, limit: 4);

        Assert.Equal(late.Select(e => e.Id).Order(StringComparer.Ordinal), afterOutage.Select(e => e.Id).Order(StringComparer.Ordinal));
        AssertPaymentOrder(afterOutage);
        Assert.All(afterOutage, e => Assert.True(e.CreatedAt < _clock.GetUtcNow() - TimeSpan.FromHours(5)));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentInstancesWithRepeats_AReaderSeesEveryEventOnceInPaymentOrder_ShardsHaveNoGaps()
    {
        // Four "processes", each with its own client, project 40 payments of 6 events at once; every third
        // event is appended by two of them at the same time. A fifth reads along with its cursor.
        var counters = Enumerable.Range(0, 4).Select(_ => new RequestCounter()).ToArray();
        var feeds = counters.Select(c => new TableEventFeed(new PaymentsTable(Azurite.Table(_tableName, c)), TimeProvider.System, FeedStart)).ToArray();
        var reader = new TableEventFeed(new PaymentsTable(Azurite.Table(_tableName)), TimeProvider.System, FeedStart);
        await reader.ReadAsync(null, 1, None);
        var orders = Enumerable.Range(0, 40).Select(i => $"CONC-{i:D2}").ToList();
        var expected = orders.SelectMany(o => Enumerable.Range(1, 6).Select(s => EventIds.Format(o, s))).ToHashSet();
        var appends = 0;

        var projecting = Task.WhenAll(orders.Select((order, i) => Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= 6; sequence++)
            {
                var e = Event(order, sequence, TimeProvider.System.GetUtcNow());
                var by = feeds[(i + sequence) % feeds.Length];
                await (sequence % 3 == 0
                    ? Task.WhenAll(by.AppendAsync(e, None), feeds[(i + sequence + 1) % feeds.Length].AppendAsync(e, None))
                    : by.AppendAsync(e, None));
                Interlocked.Add(ref appends, sequence % 3 == 0 ? 2 : 1);
            }
        })));
        var seen = new List<MerchantEvent>();
        string? cursor = null;
        var pages = 0;
        while (!projecting.IsCompleted)
        {
            var page = (await reader.ReadAsync(cursor, 7, None))!;
            seen.AddRange(page.Events);
            cursor = page.Next;
            pages++;
        }

        await projecting;
        seen.AddRange(await ReadAllAsync(reader, cursor, limit: 7));

        output.WriteLine($"{appends} appends, {counters.Sum(c => c.Count)} requests, {pages} pages read while appending");
        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Select(e => e.Id).Order(StringComparer.Ordinal));
        AssertPaymentOrder(seen);
        var total = 0;
        for (var shard = 0u; shard < StorageNames.FeedShards; shard++)
        {
            var positions = await PositionsAsync(shard);
            Assert.Equal(Enumerable.Range(1, positions.Count).Select(p => (long)p), positions);
            total += positions.Count;
        }

        Assert.Equal(expected.Count, total);
    }

    [Fact]
    public async Task ReadAsync_WithoutCursor_StartsOnTheDayFeedStartReachesBack()
    {
        var feed = Feed();
        var kept = "KEPT-0";
        var sharing = OrderOnShard("OLD-", ShardOf(kept));
        var alone = OrderOnShard("OLD-", (ShardOf(kept) + 1) % StorageNames.FeedShards);
        // Appended six days back (before the start), then four days back: the start is the day five days back.
        await Feed().AppendAsync(Event(sharing, 1), None);
        await Feed().AppendAsync(Event(alone, 1), None);
        _clock.Advance(TimeSpan.FromDays(2));
        await Feed().AppendAsync(Event(kept, 1), None);
        await Feed().AppendAsync(Event(sharing, 2), None);
        _clock.Advance(TimeSpan.FromDays(4));

        var read = await ReadAllAsync(Feed(), after: null, limit: 10);

        Assert.Equal([$"evt_{kept}.1", $"evt_{sharing}.2"], read.Select(e => e.Id));
    }

    [Fact]
    public async Task ReadAsync_Limit_TakesAtMostLimit_HasMoreOnlyWhileAShardHasMore()
    {
        var feed = Feed();
        for (var i = 0; i < 5; i++)
        {
            await feed.AppendAsync(Event($"LIMIT-{i}", 1), None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var two = (await feed.ReadAsync(null, 2, None))!;
        var three = (await feed.ReadAsync(two.Next, 3, None))!;
        var all = (await feed.ReadAsync(null, 5, None))!;
        var four = (await feed.ReadAsync(null, 4, None))!;

        Assert.Equal(["LIMIT-0", "LIMIT-1"], two.Events.Select(e => e.OrderNumber));
        Assert.True(two.HasMore);
        Assert.Equal(["LIMIT-2", "LIMIT-3", "LIMIT-4"], three.Events.Select(e => e.OrderNumber));
        Assert.False(three.HasMore);
        Assert.Equal(5, all.Events.Count);
        Assert.False(all.HasMore);
        Assert.Equal(4, four.Events.Count);
        Assert.True(four.HasMore);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!")]
    [InlineData("eHh4")]
    [InlineData("bm90LWEtY3Vyc29y")] // "not-a-cursor"
    [InlineData("MjAyNjExMjl8Jy8n")] // "20261129|'/'"
    [InlineData("f2|{tag}|0,0,0,0,0,0,0")] // one shard short
    [InlineData("f2|{tag}|0,0,0,0,0,0,0,0,0")]
    [InlineData("f2|{tag}|0,0,0,-1,0,0,0,0")]
    [InlineData("f2|{tag}|0,0,0,01,0,0,0,0")]
    [InlineData("f2|{tag}|0,0,0,+1,0,0,0,0")]
    [InlineData("f2|{tag}|0,0,0,,0,0,0,0")]
    [InlineData("f2|{tag}|0,0,0,99999999999999999999,0,0,0,0")]
    [InlineData("f3|{tag}|0,0,0,0,0,0,0,0")]
    [InlineData("f2|{tag}|0,0,0,0,0,0,0,0|")]
    [InlineData("f2|0000abcd|0,0,0,0,0,0,0,0")] // another feed's tag
    public async Task ReadAsync_NotACursorOfThisFeed_Null(string cursor)
    {
        var text = cursor.Replace("{tag}", FeedCursor.TagOf("devstoreaccount1", _tableName), StringComparison.Ordinal);
        var encoded = text.StartsWith('f') ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text)) : text;

        Assert.Null(await Feed().ReadAsync(encoded, 10, None));
    }

    [Fact]
    public async Task ReadAsync_CursorOfThisFeedAndOfAnotherTable_TheOtherIsRefused()
    {
        var feed = Feed();
        await feed.AppendAsync(Event("MINE", 1), None);
        var cursor = (await feed.ReadAsync(null, 10, None))!.Next;
        var elsewhere = new TableEventFeed(new PaymentsTable(Azurite.Table(Azurite.UniqueTableName("feedother"))), _clock, FeedStart);

        Assert.NotNull(await feed.ReadAsync(cursor, 10, None));
        Assert.Null(await elsewhere.ReadAsync(cursor, 10, None));
    }

    [Fact]
    public async Task ReadAsync_CursorOfTheTimeKeyedFeed_StartsOnItsDay_NoEarlierThanTheStart()
    {
        var feed = Feed();
        await feed.AppendAsync(Event("LEGACY-A", 1), None);
        _clock.Advance(TimeSpan.FromDays(3));
        await feed.AppendAsync(Event("LEGACY-B", 1), None);
        _clock.Advance(TimeSpan.FromDays(3));
        await feed.AppendAsync(Event("LEGACY-C", 1), None);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var ticks = _clock.GetUtcNow().AddDays(-1).UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

        var yesterday = await ReadAllAsync(feed, DayShards.Position(today.AddDays(-1), ticks + "|evt_LEGACY-X.1"), limit: 10);
        var longAgo = await ReadAllAsync(feed, DayShards.Position(today.AddDays(-100), null), limit: 10);

        Assert.Equal(["LEGACY-C"], yesterday.Select(e => e.OrderNumber));
        Assert.Equal(["LEGACY-B", "LEGACY-C"], longAgo.Select(e => e.OrderNumber));
    }

    private TableEventFeed Feed(TableClient? client = null)
        => new(new PaymentsTable(client ?? Azurite.Table(_tableName)), _clock, FeedStart);

    private MerchantEvent Event(string order, long sequence) => Event(order, sequence, _clock.GetUtcNow());

    private static MerchantEvent Event(string order, long sequence, DateTimeOffset at)
    {
        var id = EventIds.Format(order, sequence);
        return new MerchantEvent(id, order, sequence, MerchantEventTypes.PaymentSucceeded, at, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"));
    }

    private static uint ShardOf(string order) => StorageNames.ShardOf(order, StorageNames.FeedShards);

    private static string OrderOnShard(string prefix, uint shard, string? skip = null)
        => Enumerable.Range(0, 1000).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).First(o => o != skip && ShardOf(o) == shard);

    private static void AssertPaymentOrder(IEnumerable<MerchantEvent> events)
    {
        foreach (var payment in events.GroupBy(e => e.OrderNumber))
        {
            var sequences = payment.Select(e => e.Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
    }

    /// <summary>The event positions stored in a shard's log, in order; also checks the head holds the last.</summary>
    private async Task<List<long>> PositionsAsync(uint shard)
    {
        var table = Azurite.Table(_tableName);
        var partition = StorageNames.FeedPartition(shard);
        var positions = new List<long>();
        long head = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            if (row.RowKey == "head")
            {
                head = row.GetInt64("Position")!.Value;
            }
            else if (row.RowKey.All(char.IsAsciiDigit))
            {
                positions.Add(long.Parse(row.RowKey, CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(positions.Count == 0 ? 0 : positions[^1], head);
        return positions;
    }

    private static async Task<List<MerchantEvent>> ReadAllAsync(TableEventFeed feed, string? after, int limit)
        => (await ReadToEndAsync(feed, after, limit)).Events;

    /// <summary>Every page from <paramref name="after"/> until one says there is no more; the events and the last cursor.</summary>
    private static async Task<(List<MerchantEvent> Events, string Next)> ReadToEndAsync(TableEventFeed feed, string? after, int limit = 100)
    {
        var all = new List<MerchantEvent>();
        for (var pages = 0; pages < 200; pages++)
        {
            var page = (await feed.ReadAsync(after, limit, None))!;
            all.AddRange(page.Events);
            if (!page.HasMore)
            {
                return (all, page.Next);
            }

            after = page.Next;
        }

        throw new InvalidOperationException("The feed never ended.");
    }

    private static TableClient Client(string name, params HttpPipelinePolicy[] policies)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        foreach (var policy in policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return new TableServiceClient(Azurite.ConnectionString, options).GetTableClient(name);
    }

    /// <summary>Runs <paramref name="interpose"/> once, just before the client's first entity-group batch is sent.</summary>
    private sealed class BeforeFirstBatch(Func<Task> interpose) : HttpPipelinePolicy
    {
        private int _done;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await interpose();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
