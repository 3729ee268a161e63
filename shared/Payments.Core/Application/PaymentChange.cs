using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// One change of a payment while it is being decided (see <see cref="PaymentWriter.ChangeAsync{T}"/>): the
/// payment as read, as the aggregate that decides (with its refunds when they were loaded); the time of
/// the decision; and what the decision asks for: the records to write with the payment, and the intents to run around the write (an open-index row, a status check, the index row's removal).
/// A decision that asks for nothing writes nothing.
/// </summary>
public sealed class PaymentChange
{
    private readonly List<PaymentRecord> _added = [];
    private readonly List<(ReconcileRequest Request, TimeSpan Delay)> _checks = [];
    private readonly ReconcilePolicy _policy;

    internal PaymentChange(StoredPayment stored, IReadOnlyList<RefundData> refunds, DateTimeOffset now, ReconcilePolicy policy)
    {
        Read = stored.Data;
        Payment = new Payment(stored.Data, refunds);
        Now = now;
        _policy = policy;
    }

    /// <summary>The payment as it was read (the baseline of the write).</summary>
    public PaymentData Read { get; }

    /// <summary>The aggregate: every change of the payment's data goes through its methods.</summary>
    public Payment Payment { get; }

    /// <summary>When the change is decided: the time its records and bookings carry.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The new rows of the batch: the refunds the change created, then its records.</summary>
    internal IReadOnlyList<PaymentRecord> Added => [.. Payment.NewRefunds.Select(RefundRecords.ToRecord), .. _added];

    /// <summary>The rows the batch replaces: the refunds the change changed.</summary>
    internal IReadOnlyList<PaymentRecord> Replaced => [.. Payment.ChangedRefunds.Select(RefundRecords.ToRecord)];

    internal IReadOnlyList<(ReconcileRequest Request, TimeSpan Delay)> Checks => _checks;

    /// <summary>The index row to write before the payment (attempt and sweep due time), if any.</summary>
    internal (int Attempt, DateTimeOffset DueAt)? IndexRow { get; private set; }

    internal bool ClosesIndex { get; private set; }

    /// <summary>True when the payment is written: something changed it or a record goes with it.</summary>
    internal bool Writes => _added.Count > 0 || Payment.NewRefunds.Count > 0 || Payment.ChangedRefunds.Count > 0 || Payment.Data != Read;

    /// <summary>Adds a record to the payment's batch (a repeat of one makes the write a duplicate).</summary>
    public void Record(PaymentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _added.Add(record);
    }

    /// <summary>Adds an audit record to the payment's batch, dated with the change.</summary>
    public void Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _added.Add(record.ToRecord(Now));
    }

    /// <summary>
    /// Keeps the payment in the open-payment index with the check it now carries: the row is written
    /// before the payment (it lives in another partition), so a crash between the two can never leave a
    /// payment waiting on a check that the sweep cannot find.
    /// </summary>
    public void KeepInIndex(int attempt, TimeSpan delay) => IndexRow = (attempt, _policy.SweepDueAt(Now, delay));

    /// <summary>Removes the payment's index row once the write committed: nothing is left to check. A
    /// <see cref="KeepInIndex"/> in the same change wins.</summary>
    public void CloseIndex() => ClosesIndex = true;

    /// <summary>Queues <paramref name="request"/> after the write committed, to run after <paramref name="delay"/>.</summary>
    public void Schedule(ReconcileRequest request, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(request);
        _checks.Add((request, delay));
    }

    /// <summary>
    /// A running check books its successor <paramref name="next"/> (of the payment, or of the refund it
    /// names), replacing its own booking, with backoff for its attempt; a refund's keeps the gateway's last
    /// word if <paramref name="info"/> gave one. The payment's index row moves past it, and it is queued
    /// after the write. <see cref="ReconcileOutcome.NothingToDo"/> when the refund is no longer pending.
    /// </summary>
    public ReconcileOutcome BookNext(ReconcileRequest next, Oceanpayment.Results.RefundInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        var delay = _policy.DelayFor(next.Attempt);
        DateTimeOffset? dueAt;
        if (next.RefundId is { } refundId)
        {
            if (Payment.FindRefund(refundId) is not { Status: RefundStatus.Pending, NeedsReview: false })
            {
                return ReconcileOutcome.NothingToDo;
            }

            dueAt = Payment.RebookRefundCheck(refundId, next.Attempt, Now + delay, info, Now).NextCheckAt;
        }
        else
        {
            Payment.RebookCheck(Now + delay);
            dueAt = Payment.Data.NextCheckAt;
        }

        KeepInIndex(next.Attempt, delay);
        Schedule(next with { DueAt = dueAt }, delay);
        return ReconcileOutcome.Rescheduled;
    }

    /// <summary>When a check booked now for the first time is due (a new refund's first check).</summary>
    public DateTimeOffset FirstCheckAt => Now + _policy.DelayFor(0);

    /// <summary>
    /// Books the first check of every refund the aggregate made by itself in this change (the automatic
    /// refund of a late charge): the index row is kept for it, and it is queued after the write with the
    /// refund's audit record. The refunds booked.
    /// </summary>
    public IReadOnlyList<RefundData> BookAutomaticRefunds()
    {
        var made = Payment.NewRefunds.Where(r => r.ChargeAttempt > 0).ToList();
        var delay = _policy.DelayFor(0);
        foreach (var refund in made)
        {
            KeepInIndex(0, delay);
            Schedule(new ReconcileRequest(Read.OrderNumber, 0, "late-charge") { DueAt = refund.NextCheckAt, RefundId = refund.RefundId }, delay);
            Record(new LateChargeRefundRecord(refund.ChargeAttempt.ToString(System.Globalization.CultureInfo.InvariantCulture), refund.RefundId, refund.ChargePaymentId));
        }

        return made;
    }

    /// <summary>
    /// Asks for a status check of a payment that may already have one booked (a notice, a return, a result
    /// that says "ask again"): booked on the payment (<see cref="Payment.BookCheck"/>, coalesced into a
    /// booking still ahead, so no number of notices, returns or confirms queues more than one) and queued
    /// after the write. A payment that is no longer open (a failure contradicted by a success) is put back
    /// in the index first, so the sweep finds it if the message is lost. The delay queued, or null when
    /// coalesced or not needed. (A change that starts a chain of checks of its own, such as sending, a
    /// capture or a refund, books it with its own aggregate method and queues it with <see cref="Schedule"/>;
    /// every check is queued by the writer, after the write.)
    /// </summary>
    public TimeSpan? BookFirstCheck(string reason)
    {
        var delay = _policy.DelayFor(0);
        if (!Payment.AwaitsStatusCheck || !Payment.BookCheck(Now + delay, Now))
        {
            return null;
        }

        if (!PaymentStateMachine.IsOpen(Payment.Status))
        {
            KeepInIndex(0, delay);
        }

        Schedule(new ReconcileRequest(Payment.Data.OrderNumber, 0, reason) { DueAt = Payment.Data.NextCheckAt }, delay);
        return delay;
    }
}
