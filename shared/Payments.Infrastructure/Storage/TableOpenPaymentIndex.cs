using Azure;
using Azure.Data.Tables;
using Payments.Core.Application;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// The open-payment index on Azure Table Storage: one row per open payment (see <see cref="OpenIndexEntity"/>),
/// spread over <see cref="StorageNames.OpenIndexShards"/> partitions of its own in the payments table.
/// </summary>
public sealed class TableOpenPaymentIndex(PaymentsTable table) : IOpenPaymentIndex, IOpenPaymentIndexWriter
{
    public async Task KeepAsync(OpenPaymentEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = new OpenIndexEntity
        {
            PartitionKey = StorageNames.OpenIndexPartitionOf(entry.OrderNumber),
            RowKey = EntityMapper.PartitionKeyOf(entry.OrderNumber),
            Account = entry.Account,
            Terminal = entry.Terminal,
            Attempt = entry.Attempt,
            DueAt = entry.DueAt,
        };
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var rowKey = EntityMapper.PartitionKeyOf(orderNumber);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        // A missing row answers 404 as a plain response: removing twice is fine.
        await client.DeleteEntityAsync(StorageNames.OpenIndexPartitionOf(rowKey), rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OpenPaymentEntry>> ListDueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        // The index's shards, each filtered server-side on the due time: never a scan of the payments.
        // Each shard gives at most max rows; the earliest due across shards come first.
        var entries = new List<OpenPaymentEntry>();
        for (uint shard = 0; shard < StorageNames.OpenIndexShards; shard++)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageNames.OpenIndexPartition(shard)} and DueAt le {dueBefore}");
            var fromShard = 0;
            await foreach (var entity in client.QueryAsync<OpenIndexEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new OpenPaymentEntry(entity.RowKey, entity.Account, entity.Terminal, entity.Attempt, entity.DueAt));
                if (++fromShard == max)
                {
                    break;
                }
            }
        }

        return [.. entries.OrderBy(e => e.DueAt).ThenBy(e => e.OrderNumber, StringComparer.Ordinal).Take(max)];
    }
}
