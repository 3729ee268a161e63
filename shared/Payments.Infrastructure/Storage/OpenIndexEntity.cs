using Azure;
using Azure.Data.Tables;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// A row of the open-payment index (PartitionKey <see cref="StorageNames.OpenIndexPartitionOf"/>,
/// RowKey the order number): ids and a due time only, never payment details.
/// </summary>
internal sealed class OpenIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Account { get; set; } = string.Empty;

    public string Terminal { get; set; } = string.Empty;

    public int Attempt { get; set; }

    public DateTimeOffset DueAt { get; set; }
}
