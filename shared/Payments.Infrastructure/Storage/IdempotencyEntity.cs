using Azure;
using Azure.Data.Tables;

namespace Payments.Infrastructure.Storage;

/// <summary>A claimed idempotency key (PartitionKey <c>idem|&lt;keyHash&gt;</c>, RowKey <c>idem</c>).</summary>
internal sealed class IdempotencyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = StorageNames.IdempotencyRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string KeyHash { get; set; } = string.Empty;

    public string RequestHash { get; set; } = string.Empty;

    public string OrderNumber { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
