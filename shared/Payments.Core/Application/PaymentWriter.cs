using Payments.Core.Events;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The one write path of a payment: every change of its row, its refunds and the events it tells comes
/// through here. (Records appended beside an unchanged payment, such as a webhook attempt, an operator's
/// check, a security counter or a notice for an unknown order, go through <see cref="IPaymentStore"/>'s
/// record methods, which never touch the payment row.) <see cref="ChangeAsync{T}"/> reads the payment (with its
/// refunds when asked), lets the decision change it through the aggregate, stamps the write and the
/// events it tells (<see cref="PaymentChanges"/>), commits it conditionally on the version read, and on a
/// version conflict reads and decides again, under the one retry policy below. Around the write it runs
/// the decision's intents once, in the crash-safe order: the open-index row before the write, then the
/// write, then the queued checks, then the index row's removal. The store persists only what it is handed.
/// </summary>
public sealed class PaymentWriter(IPaymentStore store, IOpenPaymentIndexWriter openIndex, PaymentChanges changes, IReconcileScheduler scheduler, ReconcilePolicy policy, TimeProvider clock)
{
    /// <summary>
    /// How many times a change is decided and written before it gives up. Changes of one payment contend
    /// on its version (notices, checks, refunds, an operator); a loser pauses a moment at random and reads
    /// again, so a burst of concurrent refunds of one payment all get their answer.
    /// </summary>
    public const int MaxAttempts = 32;

    /// <summary>
    /// Reads, decides, writes and runs the decision's intents (see the type). <paramref name="read"/>, the
    /// payment as the caller just read it, serves the first attempt instead of a read, and so do
    /// <paramref name="readRefunds"/> (its refunds as read) when the change is made <paramref name="withRefunds"/>.
    /// </summary>
    public async Task<PaymentWrite<T>> ChangeAsync<T>(
        string orderNumber,
        Func<PaymentChange, T> decide,
        CancellationToken cancellationToken,
        StoredPayment? read = null,
        bool withRefunds = false,
        IReadOnlyList<RefundData>? readRefunds = null)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40)), cancellationToken).ConfigureAwait(false);
            }

            var stored = attempt == 0 && read is not null && read.Data.OrderNumber == orderNumber
                ? read
                : await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return new PaymentWrite<T>(WriteStatus.Missing, default, null);
            }

            var refunds = !withRefunds ? []
                : attempt == 0 && stored == read && readRefunds is not null ? readRefunds
                : await ListRefundsAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            var change = new PaymentChange(stored, refunds, clock.GetUtcNow(), policy);
            var decision = decide(change);
            if (change.IndexRow is { } row)
            {
                // Another partition, so never in the batch: first, so the sweep can always find the payment.
                await openIndex.KeepAsync(OpenPaymentEntry.For(change.Payment.Data, row.Attempt, row.DueAt), cancellationToken).ConfigureAwait(false);
            }

            if (!change.Writes)
            {
                await AfterAsync(change, cancellationToken).ConfigureAwait(false);
                return new PaymentWrite<T>(WriteStatus.Unchanged, decision, stored.Data);
            }

            var saved = await store.CommitAsync(changes.Commit(change.Payment.Data, stored.Version, change.Added, change.Replaced), cancellationToken).ConfigureAwait(false);
            switch (saved)
            {
                case SaveOutcome.Saved:
                    await AfterAsync(change, cancellationToken).ConfigureAwait(false);
                    return new PaymentWrite<T>(WriteStatus.Written, decision, change.Payment.Data);
                case SaveOutcome.DuplicateRecord:
                    return new PaymentWrite<T>(WriteStatus.Duplicate, decision, stored.Data);
            }
        }

        throw new InvalidOperationException($"Order {orderNumber} kept changing under {MaxAttempts} attempts to write it.");
    }

    /// <summary>Reads a payment (one point read) and, <paramref name="withRefunds"/>, its refunds (one partition query); null when there is none.</summary>
    public async Task<PaymentRead?> ReadAsync(string orderNumber, bool withRefunds, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
        return stored is null ? null
            : new PaymentRead(stored, withRefunds ? await ListRefundsAsync(orderNumber, cancellationToken).ConfigureAwait(false) : []);
    }

    /// <summary>Inserts a new payment; false when the order number is already taken.</summary>
    public Task<bool> TryCreateAsync(PaymentData payment, CancellationToken cancellationToken)
        => store.TryCreateAsync(changes.Commit(payment, string.Empty, [], []), cancellationToken);

    /// <summary>Removes the index row of an order with nothing left to check (a stale row, a payment that is gone).</summary>
    public Task CloseIndexAsync(string orderNumber, CancellationToken cancellationToken)
        => openIndex.RemoveAsync(orderNumber, cancellationToken);

    /// <summary>The refunds of a payment, newest first.</summary>
    public Task<IReadOnlyList<RefundData>> ListRefundsAsync(string orderNumber, CancellationToken cancellationToken)
        => store.ListRefundsAsync(orderNumber, cancellationToken);

    // After the commit: the checks are queued, then the index row goes if nothing is left to check.
    private async Task AfterAsync(PaymentChange change, CancellationToken cancellationToken)
    {
        foreach (var (request, delay) in change.Checks)
        {
            await scheduler.ScheduleAsync(request, delay, cancellationToken).ConfigureAwait(false);
        }

        // A decision that both keeps and closes the row (a settled payment whose late charge is being
        // refunded) keeps it: the sweep clears a row that watches nothing, never one that is needed.
        if (change.ClosesIndex && change.IndexRow is null)
        {
            await openIndex.RemoveAsync(change.Payment.Data.OrderNumber, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>A payment as read, with its refunds (newest first) when they were asked for.</summary>
public sealed record PaymentRead(StoredPayment Stored, IReadOnlyList<RefundData> Refunds);

/// <summary>What <see cref="PaymentWriter.ChangeAsync{T}"/> did.</summary>
/// <param name="Status">Whether the payment was there and what the write did.</param>
/// <param name="Decision">What the decision returned (default when the payment is missing).</param>
/// <param name="Payment">The payment as it now stands (as read when nothing was written); null when missing.</param>
public sealed record PaymentWrite<T>(WriteStatus Status, T? Decision, PaymentData? Payment)
{
    public bool Written => Status == WriteStatus.Written;
}

public enum WriteStatus
{
    /// <summary>No payment has this order number.</summary>
    Missing,

    /// <summary>The decision asked for nothing to be written.</summary>
    Unchanged,

    Written,

    /// <summary>A record of the batch was written before (a repeated notice): nothing was written.</summary>
    Duplicate,
}
