using Microsoft.Extensions.Logging;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>Puts a payment into review for a person to look at (poison messages, operator requests).</summary>
public sealed partial class ReviewHandler(IPaymentStore store, PaymentsTelemetry telemetry, TimeProvider clock, ILogger<ReviewHandler> logger)
{
    public async Task<bool> MarkForReviewAsync(string orderNumber, string reason, CancellationToken cancellationToken)
    {
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                LogMissing(orderNumber);
                return false;
            }

            var payment = new Payment(stored.Data);
            var now = clock.GetUtcNow();
            var transition = payment.MarkForReview(reason, now);
            if (transition.Kind != TransitionKind.SentToReview)
            {
                return false;
            }

            var saved = await store.SaveAsync(payment.Data, stored.Version, [PaymentRecords.Event("review", now, ("reason", reason))], cancellationToken).ConfigureAwait(false);
            if (saved == SaveOutcome.Saved)
            {
                telemetry.PaymentsInReview.Add(1);
                LogReview(stored.Data.PaymentId, orderNumber, reason);
                return true;
            }
        }

        throw new InvalidOperationException("The payment kept changing while it was being put into review.");
    }

    /// <summary>
    /// An operator settles a payment in review as succeeded or failed after checking Oceanpayment's
    /// record. Null when there is no such payment; otherwise the transition (ignored unless in review).
    /// </summary>
    public async Task<(Transition? Transition, PaymentData? Payment)> ResolveAsync(string orderNumber, PaymentStatus target, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return (null, null);
            }

            var payment = new Payment(stored.Data);
            var now = clock.GetUtcNow();
            var transition = payment.ResolveReview(target, now);
            if (transition.Kind != TransitionKind.Applied)
            {
                return (transition, stored.Data);
            }

            var saved = await store.SaveAsync(payment.Data, stored.Version, [PaymentRecords.Event("operator-resolved", now, ("to", target.ToString()), ("reason", reason))], cancellationToken).ConfigureAwait(false);
            if (saved == SaveOutcome.Saved)
            {
                await store.RemoveOpenIndexAsync(orderNumber, cancellationToken).ConfigureAwait(false);
                (target == PaymentStatus.Succeeded ? telemetry.PaymentsSucceeded : telemetry.PaymentsFailed).Add(1);
                LogResolved(stored.Data.PaymentId, orderNumber, target);
                return (transition, payment.Data);
            }
        }

        throw new InvalidOperationException("The payment kept changing while an operator settled it.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} (order {OrderNumber}) settled by an operator as {Target}")]
    private partial void LogResolved(string paymentId, string orderNumber, PaymentStatus target);

    [LoggerMessage(Level = LogLevel.Error, Message = "An unreadable message reached the reconcile poison queue and was dropped")]
    public partial void LogUnreadablePoison();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No payment for order {OrderNumber} to put into review")]
    private partial void LogMissing(string orderNumber);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment {PaymentId} (order {OrderNumber}) put into review: {Reason}")]
    private partial void LogReview(string paymentId, string orderNumber, string reason);
}
