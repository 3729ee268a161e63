using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The conditional write that every non-gateway change of a payment shares (unknown outcome, review,
/// operator decision): read, change through the aggregate, write with the version read plus one audit
/// record, and on a version conflict read and decide again. Gateway results use
/// <see cref="ResultApplier"/>, which adds notice deduplication on top of the same pattern.
/// </summary>
public static class PaymentUpdates
{
    private const int MaxAttempts = 8;

    /// <summary>Null when there is no such payment. An ignored transition writes nothing.</summary>
    public static async Task<PaymentUpdate?> UpdateAsync(
        IPaymentStore store,
        PaymentWriter writer,
        TimeProvider clock,
        string orderNumber,
        Func<Payment, DateTimeOffset, Transition> change,
        Func<DateTimeOffset, PaymentRecord> record,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return null;
            }

            var payment = new Payment(stored.Data);
            var now = clock.GetUtcNow();
            var transition = change(payment, now);
            if (transition.Kind == TransitionKind.Ignored)
            {
                return new PaymentUpdate(transition, stored.Data, Written: false);
            }

            var saved = await writer.SaveAsync(payment.Data, stored.Version, [record(now)], cancellationToken).ConfigureAwait(false);
            if (saved == SaveOutcome.Saved)
            {
                return new PaymentUpdate(transition, payment.Data, Written: true);
            }
        }

        throw new InvalidOperationException($"Order {orderNumber} kept changing under {MaxAttempts} attempts to update it.");
    }
}

/// <summary>What <see cref="PaymentUpdates.UpdateAsync"/> did: the decision and the payment as it now stands.</summary>
public sealed record PaymentUpdate(Transition Transition, PaymentData Payment, bool Written);
