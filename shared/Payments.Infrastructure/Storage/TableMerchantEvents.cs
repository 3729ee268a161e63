using Azure;
using Azure.Data.Tables;
using Payments.Core.Application;
using Payments.Core.Events;

namespace Payments.Infrastructure.Storage;

/// <summary>The merchant events kept in each payment's partition (see <see cref="MerchantEventEntity"/>).</summary>
public sealed class TableMerchantEvents(PaymentsTable table) : IMerchantEvents, IEventPublication
{
    public async Task<MerchantEvent?> FindAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!EventIds.TryParse(eventId, out var orderNumber, out var sequence))
        {
            return null;
        }

        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var found = await client.GetEntityIfExistsAsync<MerchantEventEntity>(orderNumber, EntityMapper.MerchantEventRowKey(sequence), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return found.HasValue && found.Value is { } entity ? EntityMapper.ToEvent(entity) : null;
    }

    public async Task<IReadOnlyList<MerchantEvent>> ListUnpublishedAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var partitionKey = EntityMapper.PartitionKeyOf(orderNumber);
        var (from, to) = EntityMapper.RecordRange(PaymentRecord.MerchantEvent);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {from} and RowKey lt {to} and Published eq {false}");
        var events = new List<MerchantEvent>();
        await foreach (var entity in client.QueryAsync<MerchantEventEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(EntityMapper.ToEvent(entity));
        }

        return [.. events.OrderBy(e => e.Sequence)];
    }

    public async Task MarkPublishedAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merchantEvent);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var flag = new TableEntity(EntityMapper.PartitionKeyOf(merchantEvent.OrderNumber), EntityMapper.MerchantEventRowKey(merchantEvent.Sequence))
        {
            [nameof(MerchantEventEntity.Published)] = true,
        };
        // A merge of the one column: the event itself never changes.
        await client.UpdateEntityAsync(flag, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }
}
