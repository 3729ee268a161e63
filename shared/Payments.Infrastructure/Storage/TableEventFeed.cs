using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Payments.Core.Events;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// <see cref="IEventFeed"/> in the payments table: partitions by the day an event was written, sharded
/// (see <see cref="StorageNames.FeedPartitionPrefix"/>), RowKey <c>&lt;ticks&gt;|&lt;event id&gt;</c>. A page
/// reads, day by day from its cursor, the day's shards in parallel and merges them in time order. Only
/// events older than <paramref name="settle"/> are shown, so an event the projector adds late (up to
/// that delay after its change) still lands ahead of every cursor given out.
/// </summary>
public sealed class TableEventFeed(PaymentsTable table, TimeProvider clock, TimeSpan settle, TimeSpan retention) : IEventFeed
{
    /// <summary>The most days one read walks before it answers with a cursor.</summary>
    public const int MaxDaysPerRequest = 31;

    public async Task AppendAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merchantEvent);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var entity = new FeedEntity
        {
            PartitionKey = StorageNames.FeedPartition(DayOf(merchantEvent.CreatedAt), StorageNames.ShardOf(merchantEvent.OrderNumber, StorageNames.FeedShards)),
            RowKey = Ticks(merchantEvent.CreatedAt) + "|" + merchantEvent.Id,
            EventId = merchantEvent.Id,
            OrderNumber = merchantEvent.OrderNumber,
            Sequence = merchantEvent.Sequence,
            Type = merchantEvent.Type,
            CreatedAt = merchantEvent.CreatedAt,
            Body = merchantEvent.Body.ToArray(),
        };
        await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<EventFeedPage?> ReadAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var settledBefore = clock.GetUtcNow() - settle;
        var lastDay = DayOf(settledBefore);
        var settledKey = Ticks(settledBefore);
        DateOnly day;
        string? afterKey;
        if (after is null)
        {
            day = DayOf(settledBefore - retention);
            afterKey = null;
        }
        else if (!TryReadCursor(after, out day, out afterKey))
        {
            return null;
        }

        if (day > lastDay)
        {
            // A cursor from an instance whose clock runs ahead: nothing settled after it yet.
            return new EventFeedPage([], after!, HasMore: false);
        }

        var (startDay, startKey) = (day, afterKey);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<FeedEntity>(limit);
        for (var walked = 0; walked < MaxDaysPerRequest && day <= lastDay; walked++, day = day.AddDays(1), afterKey = null)
        {
            events.AddRange(await ReadDayAsync(client, day, afterKey, settledKey, limit - events.Count, cancellationToken).ConfigureAwait(false));
            if (events.Count == limit)
            {
                return new EventFeedPage([.. events.Select(ToEvent)], Cursor(day, events[^1].RowKey), HasMore: true);
            }
        }

        if (day <= lastDay)
        {
            // Walked as far as one read goes: the next read starts on the next day.
            return new EventFeedPage([.. events.Select(ToEvent)], Cursor(day, null), HasMore: true);
        }

        // Caught up: every settled event was read, so go on from the settled moment (unless the cursor
        // given was already past it).
        var position = settledKey + "|";
        if (startDay == lastDay && startKey is not null && string.CompareOrdinal(startKey, position) > 0)
        {
            position = startKey;
        }

        return new EventFeedPage([.. events.Select(ToEvent)], Cursor(lastDay, position), HasMore: false);
    }

    private static Task<IReadOnlyList<FeedEntity>> ReadDayAsync(TableClient client, DateOnly day, string? afterKey, string settledKey, int need, CancellationToken cancellationToken)
        => DayShards.ReadDayAsync<FeedEntity>(
            client,
            StorageNames.FeedShards,
            shard => StorageNames.FeedPartition(day, shard),
            partitionKey => afterKey is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey lt {settledKey}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {afterKey} and RowKey lt {settledKey}"),
            need,
            cancellationToken);

    private static MerchantEvent ToEvent(FeedEntity row) => new(row.EventId, row.OrderNumber, row.Sequence, row.Type, row.CreatedAt, row.Body);

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    // The day and the last row key read (or the day alone: from its start).
    private static string Cursor(DateOnly day, string? rowKey) => DayShards.Position(day, rowKey);

    private static bool TryReadCursor(string cursor, out DateOnly day, out string? rowKey)
        => DayShards.TryReadPosition(cursor, c => char.IsAsciiLetterOrDigit(c) || c is '|' or '_' or '-' or '.', out day, out rowKey);

    private sealed class FeedEntity : ITableEntity
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

        public byte[] Body { get; set; } = [];
    }
}
