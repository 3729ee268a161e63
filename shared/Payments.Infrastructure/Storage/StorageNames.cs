namespace Payments.Infrastructure.Storage;

/// <summary>Default table and queue names and the table's key layout, in one place.</summary>
public static class StorageNames
{
    /// <summary>The payments table (overridable with <c>Storage:PaymentsTable</c>).</summary>
    public const string PaymentsTable = "payments";

    /// <summary>
    /// The reconcile queue (overridable with <c>Storage:ReconcileQueue</c>). At most 56 characters so
    /// that <c>&lt;name&gt;-poison</c> still fits the 63-character limit.
    /// </summary>
    public const string ReconcileQueue = "payment-reconcile";

    public const int MaxQueueNameLength = 56;

    /// <summary>The row key of the payment entity in an order's partition.</summary>
    public const string PaymentRowKey = "payment";

    /// <summary>Separates a record's kind from its id in the row key: <c>notice|&lt;id&gt;</c>.</summary>
    public const char RecordSeparator = '|';

    /// <summary>Idempotency rows live in their own partitions: <c>idem|&lt;keyHash&gt;</c>.</summary>
    public const string IdempotencyPartitionPrefix = "idem|";

    public const string IdempotencyRowKey = "idem";

    /// <summary>
    /// The open-payment index: one partition, RowKey = order number. The '|' keeps it apart from
    /// every order's partition (order numbers never contain it).
    /// </summary>
    public const string OpenIndexPartition = "index|open";
}
