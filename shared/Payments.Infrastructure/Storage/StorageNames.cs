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

    /// <summary>
    /// The reconcile queue as a binding expression: the Functions host (and the local runner) replaces
    /// <c>%Storage:ReconcileQueue%</c> with the app setting <c>Storage__ReconcileQueue</c> at start, the
    /// same setting <see cref="Options.StorageOptions.ReconcileQueue"/> binds, so the trigger listens
    /// where the scheduler writes.
    /// </summary>
    public const string ReconcileQueueSetting = "%Storage:ReconcileQueue%";

    /// <summary>
    /// The poison queue of <see cref="ReconcileQueueSetting"/>: the host resolves every <c>%name%</c>
    /// in a binding expression, not only a whole one, and names a trigger's poison queue
    /// <c>&lt;queue&gt;-poison</c>.
    /// </summary>
    public const string ReconcilePoisonQueueSetting = ReconcileQueueSetting + "-poison";

    public const int MaxQueueNameLength = 56;

    /// <summary>The row key of the payment entity in an order's partition.</summary>
    public const string PaymentRowKey = "payment";

    /// <summary>Separates a record's kind from its id in the row key: <c>notice|&lt;id&gt;</c>.</summary>
    public const char RecordSeparator = '|';

    /// <summary>Idempotency rows live in their own partitions: <c>idem|&lt;keyHash&gt;</c>.</summary>
    public const string IdempotencyPartitionPrefix = "idem|";

    public const string IdempotencyRowKey = "idem";

    /// <summary>
    /// The open-payment index, sharded: every payment writes it, and one partition takes about 2,000
    /// operations a second, so its rows spread over <see cref="OpenIndexShards"/> partitions
    /// <c>index|open|00</c> .. <c>index|open|15</c> (RowKey = order number). The '|' keeps them apart from
    /// every order's partition (order numbers never contain it).
    /// </summary>
    public const string OpenIndexPartitionPrefix = "index|open|";

    public const int OpenIndexShards = 16;

    /// <summary>The index partition of an order: a stable hash (FNV-1a) of its number, so every
    /// instance and every version puts an order in the same shard.</summary>
    public static string OpenIndexPartitionOf(string orderNumber) => OpenIndexPartition(ShardOf(orderNumber, OpenIndexShards));

    /// <summary>A stable shard of an order (FNV-1a of its number): the same on every instance and version.</summary>
    public static uint ShardOf(string orderNumber, uint shards)
    {
        ArgumentNullException.ThrowIfNull(orderNumber);
        var hash = 2166136261u;
        foreach (var c in orderNumber)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash % shards;
    }

    /// <summary>
    /// The list index, by creation day and sharded like the open index (every payment writes it):
    /// <c>index|day|yyyyMMdd|0..7</c>. Each payment has a row <c>a|&lt;inverted created ticks&gt;|&lt;order&gt;</c>
    /// (all payments, newest first) and one <c>s|&lt;status&gt;|&lt;inverted ticks&gt;|&lt;order&gt;</c> (by status),
    /// both in its day's shard, so a status change moves them in one batch.
    /// </summary>
    public const string ListIndexPartitionPrefix = "index|day|";

    public const uint ListIndexShards = 8;

    /// <summary>
    /// The events feed, one append-only log per shard of the order number: <c>feedlog|0</c> ..
    /// <c>feedlog|7</c> (see <see cref="TableEventFeed"/> for the rows). The partitions
    /// <c>feed|yyyyMMdd|0..7</c> of the earlier, time-keyed feed are no longer read or written.
    /// </summary>
    public const string FeedPartitionPrefix = "feedlog|";

    /// <summary>Shards of the feed; a cursor holds one position per shard, so changing this refuses every cursor given.</summary>
    public const uint FeedShards = 8;

    /// <summary>The payment-change queue (overridable with <c>Storage:ChangesQueue</c>).</summary>
    public const string ChangesQueue = "payment-changes";

    /// <summary>The payment-change queue as a binding expression (see <see cref="ReconcileQueueSetting"/>).</summary>
    public const string ChangesQueueSetting = "%Storage:ChangesQueue%";

    public static string ListIndexPartition(DateOnly day, uint shard)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ListIndexPartitionPrefix}{day:yyyyMMdd}|{shard}");

    public static string FeedPartition(uint shard)
        => FeedPartitionPrefix + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string OpenIndexPartition(uint shard)
        => OpenIndexPartitionPrefix + shard.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
