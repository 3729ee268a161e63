using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// <see cref="IPaymentIndex"/> in the payments table: partitions by creation day and shard (see
/// <see cref="StorageNames.ListIndexPartitionPrefix"/>). A list reads, for each day it covers, the day's
/// shards in parallel (one round trip), newest day first, until the page is full. The row keys hold the
/// inverted creation time, so each shard answers newest first and a page is the merge of its shards.
/// </summary>
public sealed class TablePaymentIndex(PaymentsTable table) : IPaymentIndex
{
    /// <summary>The most days one list request walks before it answers with a continuation.</summary>
    public const int MaxDaysPerRequest = 31;

    private const int MaxProjectAttempts = 5;
    private const string AllPrefix = "a|";
    private const string StatusPrefix = "s|";

    public async Task ProjectAsync(PaymentData payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var partitionKey = PartitionOf(payment.OrderNumber, payment.CreatedAt);
        var suffix = Suffix(payment.OrderNumber, payment.CreatedAt);
        for (var attempt = 0; attempt < MaxProjectAttempts; attempt++)
        {
            var found = await client.GetEntityIfExistsAsync<PaymentIndexEntity>(partitionKey, AllPrefix + suffix, cancellationToken: cancellationToken).ConfigureAwait(false);
            var existing = found.HasValue ? found.Value : null;
            if (existing is not null && existing.ChangeSequence >= payment.ChangeSequence)
            {
                return;
            }

            var status = payment.Status.ToString();
            var actions = new List<TableTransactionAction>(3)
            {
                existing is null
                    ? new(TableTransactionActionType.Add, Row(partitionKey, AllPrefix + suffix, payment))
                    : new(TableTransactionActionType.UpdateReplace, Row(partitionKey, AllPrefix + suffix, payment), existing.ETag),
                new(TableTransactionActionType.UpsertReplace, Row(partitionKey, StatusKey(status, suffix), payment)),
            };
            if (existing is not null && existing.Status != status)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partitionKey, StatusKey(existing.Status, suffix)), ETag.All));
            }

            try
            {
                await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // Another projection of the same payment won the race: read again and compare.
            }
        }

        throw new InvalidOperationException($"The list index row of order {payment.OrderNumber} kept changing under {MaxProjectAttempts} attempts.");
    }

    /// <summary>
    /// Adds the rows of payments not yet in the index, a batch per partition (up to 50 payments, two rows
    /// each): for loading an index from scratch, such as a benchmark's table or a first backfill. A batch
    /// that meets a row already there falls back to <see cref="ProjectAsync"/> payment by payment.
    /// </summary>
    public async Task AddNewAsync(IReadOnlyList<PaymentData> payments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payments);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partition in payments.GroupBy(p => PartitionOf(p.OrderNumber, p.CreatedAt)))
        {
            foreach (var chunk in partition.Chunk(50))
            {
                var actions = chunk.SelectMany(p => new[]
                {
                    new TableTransactionAction(TableTransactionActionType.Add, Row(partition.Key, AllPrefix + Suffix(p.OrderNumber, p.CreatedAt), p)),
                    new TableTransactionAction(TableTransactionActionType.Add, Row(partition.Key, StatusKey(p.Status.ToString(), Suffix(p.OrderNumber, p.CreatedAt)), p)),
                }).ToList();
                try
                {
                    await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    foreach (var payment in chunk)
                    {
                        await ProjectAsync(payment, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    public async Task<PaymentListPage?> ListAsync(PaymentListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var newestDay = DateOnly.FromDateTime(query.CreatedTo.UtcDateTime);
        var oldestDay = DateOnly.FromDateTime(query.CreatedFrom.UtcDateTime);
        var day = newestDay;
        string? after = null;
        if (query.After is { } continuation)
        {
            if (!TryReadPosition(continuation, out day, out after) || day > newestDay || day < oldestDay)
            {
                return null;
            }
        }

        var prefix = query.Status is { } status ? StatusKey(status.ToString(), string.Empty) : AllPrefix;
        if (after is not null && !after.StartsWith(prefix, StringComparison.Ordinal))
        {
            // A continuation of another query.
            return null;
        }

        // Inverted ticks: the newest moment of the range gives the lowest key.
        var lowest = prefix + Inverted(query.CreatedTo);
        var highest = prefix + Inverted(query.CreatedFrom) + "|~";
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var page = new List<PaymentIndexEntity>(query.Limit);
        for (var walked = 0; walked < MaxDaysPerRequest && day >= oldestDay; walked++, day = day.AddDays(-1), after = null)
        {
            var need = query.Limit - page.Count;
            var fromDay = await ReadDayAsync(client, day, after, lowest, highest, query.Method, need, cancellationToken).ConfigureAwait(false);
            page.AddRange(fromDay);
            if (page.Count == query.Limit)
            {
                // Full: go on after the last row shown (even if it was the day's last: the next call finds out).
                return new PaymentListPage([.. page.Select(Summary)], Position(day, page[^1].RowKey));
            }
        }

        return new PaymentListPage([.. page.Select(Summary)], day >= oldestDay ? Position(day, null) : null);
    }

    public async Task<IReadOnlyDictionary<PaymentStatus, int>> CountAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var counts = await Task.WhenAll(Enumerable.Range(0, (int)StorageNames.ListIndexShards).Select(async shard =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageNames.ListIndexPartition(day, (uint)shard)} and RowKey ge {AllPrefix} and RowKey lt {"a}"}");
            var found = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var row in client.QueryAsync<PaymentIndexEntity>(filter, maxPerPage: 1000, select: [nameof(PaymentIndexEntity.Status)], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found[row.Status] = found.GetValueOrDefault(row.Status) + 1;
            }

            return found;
        })).ConfigureAwait(false);
        var total = new Dictionary<PaymentStatus, int>();
        foreach (var (name, count) in counts.SelectMany(c => c))
        {
            if (Enum.TryParse<PaymentStatus>(name, ignoreCase: false, out var status))
            {
                total[status] = total.GetValueOrDefault(status) + count;
            }
        }

        return total;
    }

    // One day: its shards in parallel, each newest first from after the position, merged.
    private static Task<IReadOnlyList<PaymentIndexEntity>> ReadDayAsync(
        TableClient client, DateOnly day, string? after, string lowest, string highest, PaymentMethod? method, int need, CancellationToken cancellationToken)
        => DayShards.ReadDayAsync<PaymentIndexEntity>(
            client,
            StorageNames.ListIndexShards,
            shard => StorageNames.ListIndexPartition(day, shard),
            partitionKey =>
            {
                var filter = after is null
                    ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {lowest} and RowKey le {highest}")
                    : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {after} and RowKey ge {lowest} and RowKey le {highest}");
                return method is { } m ? filter + " and " + TableClient.CreateQueryFilter($"Method eq {m.ToString()}") : filter;
            },
            need,
            cancellationToken);

    private static PaymentSummary Summary(PaymentIndexEntity row) => new(
        row.PaymentId,
        row.OrderNumber,
        PaymentView.StatusName(Enum.TryParse<PaymentStatus>(row.Status, ignoreCase: false, out var status) ? status : (PaymentStatus)(-1)),
        Enum.TryParse<PaymentMethod>(row.Method, ignoreCase: false, out var method) ? MethodNames.ToApi(method) : "unknown",
        row.AmountMinor,
        row.Currency,
        row.CreatedAt,
        row.UpdatedAt);

    private static PaymentIndexEntity Row(string partitionKey, string rowKey, PaymentData payment) => new()
    {
        PartitionKey = partitionKey,
        RowKey = rowKey,
        PaymentId = payment.PaymentId,
        OrderNumber = payment.OrderNumber,
        Status = payment.Status.ToString(),
        Method = payment.Method.ToString(),
        AmountMinor = payment.Amount.MinorUnits,
        Currency = payment.Amount.Currency.Code,
        CreatedAt = payment.CreatedAt,
        UpdatedAt = payment.UpdatedAt,
        ChangeSequence = payment.ChangeSequence,
    };

    internal static string PartitionOf(string orderNumber, DateTimeOffset createdAt)
        => StorageNames.ListIndexPartition(DateOnly.FromDateTime(createdAt.UtcDateTime), StorageNames.ShardOf(orderNumber, StorageNames.ListIndexShards));

    private static string Suffix(string orderNumber, DateTimeOffset createdAt) => Inverted(createdAt) + "|" + EntityMapper.PartitionKeyOf(orderNumber);

    private static string StatusKey(string status, string suffix) => StatusPrefix + status + "|" + suffix;

    private static string Inverted(DateTimeOffset at) => (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    // The continuation: the day and the last row key shown (or the day alone: from its start).
    private static string Position(DateOnly day, string? rowKey) => DayShards.Position(day, rowKey);

    private static bool TryReadPosition(string token, out DateOnly day, out string? rowKey)
        => DayShards.TryReadPosition(token, c => char.IsAsciiLetterOrDigit(c) || c is '|' or '_' or '-', out day, out rowKey);
}
