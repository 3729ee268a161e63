using Azure;
using Azure.Data.Tables;

namespace Payments.Infrastructure.Storage;

/// <summary>A list-index row (see <see cref="StorageNames.ListIndexPartitionPrefix"/>): what a list shows of a payment.</summary>
internal sealed class PaymentIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string PaymentId { get; set; } = string.Empty;

    public string OrderNumber { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string Method { get; set; } = string.Empty;

    public long AmountMinor { get; set; }

    public string Currency { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The payment's change number this row shows: an older one never overwrites it.</summary>
    public long ChangeSequence { get; set; }
}
