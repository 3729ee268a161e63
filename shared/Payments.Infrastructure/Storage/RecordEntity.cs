using Azure;
using Azure.Data.Tables;

namespace Payments.Infrastructure.Storage;

/// <summary>An insert-only record row (RowKey <c>&lt;kind&gt;|&lt;id&gt;</c>) beside a payment.</summary>
internal class RecordEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Id { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string ValuesJson { get; set; } = "{}";
}
