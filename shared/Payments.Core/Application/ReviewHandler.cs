using Microsoft.Extensions.Logging;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>Puts a payment into review for a person to look at (poison messages, operator requests).</summary>
public sealed partial class ReviewHandler(PaymentWriter writer, PaymentsTelemetry telemetry, ILogger<ReviewHandler> logger)
{
    public async Task<bool> MarkForReviewAsync(string orderNumber, string reason, CancellationToken cancellationToken)
    {
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        var update = await ChangeAsync(orderNumber, change => change.Payment.MarkForReview(reason, change.Now), new ReviewRecord(reason), cancellationToken)
            .ConfigureAwait(false);
        if (update is null)
        {
            LogMissing(orderNumber);
            return false;
        }

        if (!update.Written)
        {
            return false;
        }

        telemetry.PaymentsInReview.Add(1);
        LogReview(update.Payment.PaymentId, orderNumber, reason);
        return true;
    }

    /// <summary>
    /// An operator settles a payment in review as succeeded or failed after checking Oceanpayment's
    /// record. Null when there is no such payment; otherwise the transition (ignored unless in review).
    /// <paramref name="operatorName"/>, when known, is kept in the audit record.
    /// </summary>
    public async Task<PaymentUpdate?> ResolveAsync(string orderNumber, PaymentStatus target, string reason, CancellationToken cancellationToken, string? operatorName = null)
    {
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        var update = await ChangeAsync(
            orderNumber,
            change =>
            {
                var transition = change.Payment.ResolveReview(target, change.Now);
                if (transition.Kind != TransitionKind.Ignored)
                {
                    change.CloseIndex();
                }

                return transition;
            },
            new OperatorResolvedRecord(target.ToString(), reason, operatorName ?? string.Empty),
            cancellationToken).ConfigureAwait(false);
        if (update is { Written: true })
        {
            (target == PaymentStatus.Succeeded ? telemetry.PaymentsSucceeded : telemetry.PaymentsFailed).Add(1);
            LogResolved(update.Payment.PaymentId, orderNumber, target);
        }

        return update;
    }

    // A change through the transition table with its audit record: an ignored transition writes nothing.
    private async Task<PaymentUpdate?> ChangeAsync(string orderNumber, Func<PaymentChange, Transition> decide, AuditRecord record, CancellationToken cancellationToken)
    {
        var written = await writer.ChangeAsync(
            orderNumber,
            change =>
            {
                var transition = decide(change);
                if (transition.Kind != TransitionKind.Ignored)
                {
                    change.Record(record);
                }

                return transition;
            },
            cancellationToken).ConfigureAwait(false);
        return written.Status == WriteStatus.Missing ? null : new PaymentUpdate(written.Decision!, written.Payment!, written.Written);
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

/// <summary>What a change of a payment through the transition table did: the decision and the payment as it now stands.</summary>
public sealed record PaymentUpdate(Transition Transition, PaymentData Payment, bool Written);
