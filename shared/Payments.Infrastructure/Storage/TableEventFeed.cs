using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Payments.Core.Events;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// <see cref="IEventFeed"/> in the payments table: one append-only log per shard of the order number
/// (<see cref="StorageNames.FeedPartition"/>), so one payment's events stay in one log in the order they
/// were appended. An event gets its position when it is appended, in one entity-group batch that moves
/// the shard's head row from <c>n</c> to <c>n+1</c> at its ETag and adds the event at <c>n+1</c>; a position
/// is therefore visible exactly when every lower one is, and a cursor (the last position read per shard)
/// can never pass an event that is still on its way. Rows of a shard partition:
/// <list type="bullet">
/// <item><c>&lt;position, 19 digits&gt;</c>: the event, with the time it was appended;</item>
/// <item><c>head</c>: the last position given and the last day an event was appended;</item>
/// <item><c>day|yyyyMMdd</c>: the first position appended that day (where a reader without a cursor starts);</item>
/// <item><c>id|&lt;event id&gt;</c>: makes a repeated append of the same event a refused no-op.</item>
/// </list>
/// </summary>
public sealed class TableEventFeed(PaymentsTable table, TimeProvider clock, TimeSpan start) : IEventFeed
{
    /// <summary>Attempts of one append against appends of other instances to the same shard before it fails.</summary>
    public const int MaxAppendAttempts = 30;

    private const string HeadRowKey = "head";
    private const string DayRowPrefix = "day|";
    private const string IdRowPrefix = "id|";

    // The id row goes first: when the event is already in, that refusal is the answer, whatever else is stale.
    private const int IdAction = 0;

    private static readonly string LastPositionKey = PositionKey(long.MaxValue);

    private readonly string _tag = FeedCursor.TagOf(table.Client.AccountName, table.Client.Name);

    // This instance's appends to one shard wait for each other rather than race for its head.
    private readonly SemaphoreSlim[] _shards = [.. Shards().Select(_ => new SemaphoreSlim(1, 1))];

    public async Task AppendAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merchantEvent);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var shard = StorageNames.ShardOf(merchantEvent.OrderNumber, StorageNames.FeedShards);
        await _shards[shard].WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AppendToLogAsync(client, StorageNames.FeedPartition(shard), merchantEvent, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _shards[shard].Release();
        }
    }

    public async Task<EventFeedPage?> ReadAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var firstDay = DayOf(clock.GetUtcNow() - start);
        long[] positions;
        if (after is null)
        {
            positions = await StartAsync(client, firstDay, cancellationToken).ConfigureAwait(false);
        }
        else if (FeedCursor.TryRead(after, _tag, StorageNames.FeedShards, out var read))
        {
            positions = read;
        }
        else if (FeedCursor.TryReadLegacy(after, out var legacyDay))
        {
            // A cursor of the time-keyed feed: its positions mean nothing here; start on its day (or the start).
            positions = await StartAsync(client, legacyDay > firstDay ? legacyDay : firstDay, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return null;
        }

        // Each shard after its position, in parallel; one more row than the page takes tells whether it has more.
        var rows = await Task.WhenAll(Shards().Select(shard => ReadShardAsync(client, shard, positions[shard], limit + 1, cancellationToken))).ConfigureAwait(false);
        var taken = new int[rows.Length];
        var events = new List<MerchantEvent>(limit);
        while (events.Count < limit && Earliest(rows, taken) is var shard and >= 0)
        {
            var row = rows[shard][taken[shard]++];
            events.Add(ToEvent(row));
            positions[shard] = PositionOf(row);
        }

        var hasMore = Shards().Any(s => taken[s] < rows[s].Count);
        return new EventFeedPage(events, FeedCursor.Write(_tag, positions), hasMore);
    }

    private async Task AppendToLogAsync(TableClient client, string partition, MerchantEvent merchantEvent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await client.GetEntityIfExistsAsync<HeadEntity>(partition, HeadRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                await client.SubmitTransactionAsync([.. Append(partition, head.HasValue ? head.Value : null, merchantEvent, clock.GetUtcNow())], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == IdAction)
            {
                // Appended already (by another projection, or by this one before a crash or a lost answer).
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAppendAttempts)
            {
                // Another instance appended to this shard since the head was read: read it again.
                await Task.Delay(Pause(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<TableTransactionAction> Append(string partition, HeadEntity? head, MerchantEvent merchantEvent, DateTimeOffset now)
    {
        var position = (head?.Position ?? 0) + 1;
        var today = DayOf(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // A later day than the head's opens it; an instance whose clock is behind leaves the head's day as it is,
        // so each day row is written once, by the first append that reaches its day.
        var opensDay = head is null || string.CompareOrdinal(today, head.LastDay) > 0;
        yield return new(TableTransactionActionType.Add, new PositionEntity { PartitionKey = partition, RowKey = IdRowPrefix + merchantEvent.Id, Position = position });
        var newHead = new HeadEntity { PartitionKey = partition, RowKey = HeadRowKey, Position = position, LastDay = opensDay ? today : head!.LastDay };
        yield return head is null
            ? new(TableTransactionActionType.Add, newHead)
            : new(TableTransactionActionType.UpdateReplace, newHead, head.ETag);
        yield return new(TableTransactionActionType.Add, new EventEntity
        {
            PartitionKey = partition,
            RowKey = PositionKey(position),
            EventId = merchantEvent.Id,
            OrderNumber = merchantEvent.OrderNumber,
            Sequence = merchantEvent.Sequence,
            Type = merchantEvent.Type,
            CreatedAt = merchantEvent.CreatedAt,
            AppendedAt = now,
            Body = merchantEvent.Body.ToArray(),
        });
        if (opensDay)
        {
            yield return new(TableTransactionActionType.Add, new PositionEntity { PartitionKey = partition, RowKey = DayRowPrefix + today, Position = position });
        }
    }

    /// <summary>Per shard, the position just before the first event appended on or after <paramref name="day"/>.</summary>
    private static async Task<long[]> StartAsync(TableClient client, DateOnly day, CancellationToken cancellationToken)
        => await Task.WhenAll(Shards().Select(async shard =>
        {
            // One row: the first day row on or after the day, or else the head ('day|…' sorts before 'head').
            var partition = StorageNames.FeedPartition((uint)shard);
            var from = DayRowPrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey le {HeadRowKey}");
            await foreach (var row in client.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                // The head: nothing appended since the day, start after its last; a day row: just before its first.
                var position = row.GetInt64(nameof(HeadEntity.Position)) ?? 0;
                return row.RowKey == HeadRowKey ? position : position - 1;
            }

            // A shard nothing was ever appended to.
            return 0L;
        })).ConfigureAwait(false);

    private static async Task<List<EventEntity>> ReadShardAsync(TableClient client, int shard, long after, int need, CancellationToken cancellationToken)
    {
        var partition = StorageNames.FeedPartition((uint)shard);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {PositionKey(after)} and RowKey le {LastPositionKey}");
        var rows = new List<EventEntity>(need);
        await foreach (var row in client.QueryAsync<EventEntity>(filter, maxPerPage: need, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count == need)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>The shard whose next row was appended first (ties by shard), or -1 when every shard is used up.</summary>
    private static int Earliest(List<EventEntity>[] rows, int[] taken)
    {
        var best = -1;
        for (var shard = 0; shard < rows.Length; shard++)
        {
            if (taken[shard] < rows[shard].Count
                && (best < 0 || rows[shard][taken[shard]].AppendedAt < rows[best][taken[best]].AppendedAt))
            {
                best = shard;
            }
        }

        return best;
    }

    private static IEnumerable<int> Shards() => Enumerable.Range(0, (int)StorageNames.FeedShards);

    private static TimeSpan Pause(int attempt)
        => TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(100, 5 << Math.Min(attempt, 5)) + 1));

    private static MerchantEvent ToEvent(EventEntity row) => new(row.EventId, row.OrderNumber, row.Sequence, row.Type, row.CreatedAt, row.Body);

    private static long PositionOf(EventEntity row) => long.Parse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string PositionKey(long position) => position.ToString("D19", CultureInfo.InvariantCulture);

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private sealed class EventEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string EventId { get; set; } = string.Empty;

        public string OrderNumber { get; set; } = string.Empty;

        public long Sequence { get; set; }

        public string Type { get; set; } = string.Empty;

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset AppendedAt { get; set; }

        public byte[] Body { get; set; } = [];
    }

    private sealed class HeadEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public long Position { get; set; }

        public string LastDay { get; set; } = string.Empty;
    }

    /// <summary>A row that points at a position: <c>id|&lt;event id&gt;</c> (the event's) and <c>day|yyyyMMdd</c> (the day's first).</summary>
    private sealed class PositionEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public long Position { get; set; }
    }
}
