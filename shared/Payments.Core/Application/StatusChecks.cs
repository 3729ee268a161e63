using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The one way a status check is asked for: booked on the payment (<see cref="Payment.BookCheck"/>)
/// and then queued. While a booked check lies ahead, further requests are coalesced into it, so no
/// number of notices, returns or confirms can queue more than one check per payment.
/// </summary>
public sealed class StatusChecks(IPaymentStore store,
    PaymentWriter writer, IReconcileScheduler scheduler, ReconcilePolicy policy, TimeProvider clock)
{
    /// <summary>Books and queues a first check of a stored payment; false when coalesced, not
    /// needed, or the payment changed meanwhile (its new state made its own decision).</summary>
    public async Task<bool> RequestAsync(StoredPayment stored, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var now = clock.GetUtcNow();
        var delay = policy.DelayFor(0);
        var payment = new Payment(stored.Data);
        if (!payment.AwaitsStatusCheck || !payment.BookCheck(now + delay, now))
        {
            return false;
        }

        var saved = await writer.SaveAsync(payment.Data, stored.Version, [], cancellationToken).ConfigureAwait(false);
        if (saved != SaveOutcome.Saved)
        {
            return false;
        }

        await QueueBookedAsync(payment.Data, 0, reason, delay, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Books a first check on a payment about to be saved by the caller; the delay to queue it
    /// with after the save, or null when coalesced or not needed.</summary>
    public TimeSpan? Book(Payment payment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var delay = policy.DelayFor(0);
        return payment.AwaitsStatusCheck && payment.BookCheck(now + delay, now) ? delay : null;
    }

    /// <summary>
    /// Queues the check booked on a saved payment. A payment that is no longer open (a failure
    /// contradicted by a success) gets its open-index row back first, so the sweep finds it if the
    /// message is lost.
    /// </summary>
    public async Task QueueBookedAsync(PaymentData payment, int attempt, string reason, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (!PaymentStateMachine.IsOpen(payment.Status))
        {
            await store.UpsertOpenIndexAsync(OpenPaymentEntry.For(payment, attempt, policy.SweepDueAt(clock.GetUtcNow(), delay)), cancellationToken).ConfigureAwait(false);
        }

        await scheduler.ScheduleAsync(new ReconcileRequest(payment.OrderNumber, attempt, reason) { DueAt = payment.NextCheckAt }, delay, cancellationToken).ConfigureAwait(false);
    }
}
