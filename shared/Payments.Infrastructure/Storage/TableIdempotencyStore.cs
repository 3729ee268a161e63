using Azure;
using Payments.Core.Application;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// The idempotency keys on Azure Table Storage: each claimed key is one row in a partition of its own
/// (see <see cref="IdempotencyEntity"/>) in the payments table.
/// </summary>
public sealed class TableIdempotencyStore(PaymentsTable table) : IIdempotencyStore
{
    public async Task<IdempotencyEntry?> FindAsync(string keyHash, CancellationToken cancellationToken)
    {
        var partitionKey = EntityMapper.IdempotencyPartitionKey(keyHash);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetEntityIfExistsAsync<IdempotencyEntity>(partitionKey, StorageNames.IdempotencyRowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? EntityMapper.ToEntry(entity) : null;
    }

    public async Task<bool> TryClaimAsync(IdempotencyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = EntityMapper.ToEntity(entry);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string keyHash, CancellationToken cancellationToken)
    {
        var partitionKey = EntityMapper.IdempotencyPartitionKey(keyHash);
        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        // DeleteEntity answers 404 as a plain response (no exception): removing twice is fine.
        await client.DeleteEntityAsync(partitionKey, StorageNames.IdempotencyRowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }
}
