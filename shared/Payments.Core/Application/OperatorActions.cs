using Microsoft.Extensions.Logging;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// What an operator may do to a payment: ask Oceanpayment now rather than at the next scheduled check,
/// settle a review, refund. Each goes through the same path as when the merchant's server or a
/// scheduled check does it (the transition table for the payment, the refund rules for its refunds),
/// and is kept in the payment's records with the operator's name.
/// </summary>
public sealed partial class OperatorActions(IPaymentStore store, ReconcileHandler reconciler, RefundHandler refunds, RefundReconciler refundChecks, ReviewHandler reviews, TimeProvider clock, ILogger<OperatorActions> logger)
{
    /// <summary>Settles a payment in review; see <see cref="ReviewHandler.ResolveAsync"/>.</summary>
    public Task<PaymentUpdate?> ResolveAsync(string orderNumber, PaymentStatus target, string reason, string operatorName, CancellationToken cancellationToken)
        => reviews.ResolveAsync(orderNumber, target, reason, cancellationToken, operatorName);

    /// <summary>Refunds all or part of a succeeded payment; see <see cref="RefundHandler.CreateAsync"/>.</summary>
    public Task<RefundResult> RefundAsync(string orderNumber, long? amountMinor, string reason, string? idempotencyKey, string operatorName, CancellationToken cancellationToken)
        => refunds.CreateAsync(orderNumber, amountMinor, reason, idempotencyKey, cancellationToken, operatorName);

    public async Task<OperatorCheckResult> CheckNowAsync(string orderNumber, string operatorName, CancellationToken cancellationToken)
    {
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new OperatorCheckResult(OperatorCheckStatus.NotFound, null);
        }

        var payment = new Payment(stored.Data);
        var asksPayment = payment.AwaitsStatusCheck || stored.Data.Status == PaymentStatus.Review;
        var asksRefunds = stored.Data.OpenRefunds > 0;
        if (!asksPayment && !asksRefunds)
        {
            return new OperatorCheckResult(OperatorCheckStatus.NothingToCheck, stored.Data);
        }

        // The audit record first: the operator's request is kept whatever the gateway answers.
        _ = await store.AddRecordsAsync(orderNumber, [new OperatorCheckRecord(operatorName, asksPayment ? "payment" : "refunds").ToRecord(clock.GetUtcNow())], cancellationToken)
            .ConfigureAwait(false);
        LogCheck();
        if (asksPayment)
        {
            var answered = await reconciler.CheckNowAsync(stored, cancellationToken).ConfigureAwait(false);
            return new OperatorCheckResult(answered is null ? OperatorCheckStatus.NoAnswer : OperatorCheckStatus.Checked, answered ?? stored.Data);
        }

        await refundChecks.SweepAsync(stored, cancellationToken).ConfigureAwait(false);
        var after = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
        return new OperatorCheckResult(OperatorCheckStatus.Checked, after?.Data ?? stored.Data);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An operator asked for a status check now (who: in the payment's records)")]
    private partial void LogCheck();
}

public enum OperatorCheckStatus
{
    Checked,

    /// <summary>The gateway did not answer in time, or a check of this payment ran moments ago.</summary>
    NoAnswer,

    NotFound,

    /// <summary>Final, with no refund pending: nothing to ask.</summary>
    NothingToCheck,
}

public sealed record OperatorCheckResult(OperatorCheckStatus Status, PaymentData? Payment);
