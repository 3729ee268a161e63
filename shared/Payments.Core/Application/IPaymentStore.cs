using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Payment state storage. One partition per payment (keyed by order number) holds the payment,
/// its notice inbox, its refunds and its audit records, so a change and its records commit together.
/// It decides nothing: a payment's changes are decided, stamped and retried by <see cref="PaymentWriter"/>,
/// which alone writes the payment; everything else only reads it. The open-payment index
/// (<see cref="IOpenPaymentIndex"/>, <see cref="IOpenPaymentIndexWriter"/>) and the idempotency keys
/// (<see cref="IIdempotencyStore"/>) live in partitions of their own, behind their own interfaces.
/// </summary>
public interface IPaymentStore
{
    /// <summary>One point read.</summary>
    Task<StoredPayment?> FindAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>Inserts a new payment (the <paramref name="created"/> write, version empty); false when
    /// the order number is already taken.</summary>
    Task<bool> TryCreateAsync(PaymentCommit created, CancellationToken cancellationToken);

    /// <summary>
    /// Persists <paramref name="commit"/> as it is handed over: the payment (if its version still
    /// matches), the added records, the replaced rows and the events, in one entity-group transaction.
    /// Decides nothing: what the write tells was stamped by the Core (<see cref="PaymentWriter"/>).
    /// </summary>
    Task<SaveOutcome> CommitAsync(PaymentCommit commit, CancellationToken cancellationToken);

    /// <summary>Adds records to an order's partition without touching the payment (for example a
    /// security event, or a verified notice for an order this app does not know).</summary>
    Task<SaveOutcome> AddRecordsAsync(string orderNumber, IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Counts an event in a row of the order's partition keyed by <paramref name="row"/>'s id (for
    /// example an hour): the first adds the row with <paramref name="counter"/> at 1, later ones raise
    /// that counter. Rows stay bounded however many events arrive. Best effort under contention.
    /// </summary>
    Task CountEventAsync(string orderNumber, PaymentRecord row, string counter, CancellationToken cancellationToken);

    /// <summary>Reads every record of an order's partition, of every kind (oldest first): one partition query.</summary>
    Task<IReadOnlyList<PaymentRecord>> ListRecordsAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>Reads a payment's refunds (one partition query), newest first.</summary>
    Task<IReadOnlyList<RefundData>> ListRefundsAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>A cheap call that proves storage answers.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
