using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Payments;

/// <summary>
/// The one transition table. Every path that changes a payment (confirm answer, browser return,
/// notice, status query) asks it. Rules (protocol reference §13): never backwards from success;
/// a failure may still become a success; duplicates are no-ops; a pending result leaves a payment that
/// requires the shopper's action as it is, unless it comes with the shopper's return; a result that does not match the
/// payment sends it to review; review is left only by a settling query or an operator; a result that
/// names another gateway payment id than the recorded one changes nothing on its own word: a status
/// query decides.
/// </summary>
public static class PaymentStateMachine
{
    /// <param name="current">The payment's state.</param>
    /// <param name="outcome">What the verified result says.</param>
    /// <param name="matchesPayment">Amount, currency, account, terminal and order number are the payment's.</param>
    /// <param name="source">Where the result came from.</param>
    /// <param name="namesOtherAttempt">The payment has a gateway payment id and the result names another one (or none).</param>
    public static Transition Decide(PaymentStatus current, GatewayOutcome outcome, bool matchesPayment, ResultSource source, bool namesOtherAttempt = false)
    {
        if (!matchesPayment)
        {
            return current is PaymentStatus.Succeeded or PaymentStatus.Review
                ? new Transition(TransitionKind.Ignored, current, current, "A result that does not match the payment arrived; the state is kept.")
                : new Transition(TransitionKind.SentToReview, current, PaymentStatus.Review, "The result's amount, currency, account, terminal or order number differs from the payment.");
        }

        var target = TargetOf(outcome);
        if (target is null)
        {
            return new Transition(TransitionKind.NeedsQuery, current, current, outcome == GatewayOutcome.AlreadyExists
                ? "The gateway reports the order number as already used (20061): query it."
                : "The gateway's answer leaves the outcome unknown: query it.");
        }

        if (current == target)
        {
            return new Transition(TransitionKind.Duplicate, current, current, "Already in this state.");
        }

        if (namesOtherAttempt && source != ResultSource.Query && current is not (PaymentStatus.Succeeded or PaymentStatus.Review))
        {
            return new Transition(TransitionKind.NeedsQuery, current, current, "The result names another gateway payment id than the recorded one: a status query decides.");
        }

        return current switch
        {
            // A query cannot tell a held pre-authorisation from a plain pending one: it does not step back.
            PaymentStatus.Authorised when target is PaymentStatus.Pending or PaymentStatus.RequiresAction
                => new Transition(TransitionKind.Ignored, current, current, "A pending result after the authorisation was recorded and ignored."),
            // A check or notice made while the shopper may still be on the challenge page answers -1: no news.
            // Only the shopper's own return (the shopper left the page) makes such a payment pending.
            PaymentStatus.RequiresAction when target == PaymentStatus.Pending && source != ResultSource.BrowserReturn
                => new Transition(TransitionKind.Ignored, current, current, "A pending result while the payment waits for its shopper carries no news: it still requires the shopper's action."),
            PaymentStatus.Created or PaymentStatus.Processing or PaymentStatus.RequiresAction
                or PaymentStatus.Pending or PaymentStatus.Authorised
                => new Transition(TransitionKind.Applied, current, target.Value, "Result applied."),
            PaymentStatus.Failed or PaymentStatus.Canceled when target == PaymentStatus.Succeeded
                => new Transition(TransitionKind.Applied, current, target.Value, "A verified success arrived after a failure or a void: money was taken."),
            PaymentStatus.Review when source == ResultSource.Query && target is PaymentStatus.Succeeded or PaymentStatus.Failed or PaymentStatus.Canceled
                => new Transition(TransitionKind.Applied, current, target.Value, "A status query that matches the payment settled the review."),
            _ => new Transition(TransitionKind.Ignored, current, current, "A late or backward result was recorded and ignored."),
        };
    }

    /// <summary>
    /// An operator settling a payment in review, after checking Oceanpayment's record: only from
    /// review, only to a final state.
    /// </summary>
    public static Transition DecideOperator(PaymentStatus current, PaymentStatus target)
        => current == PaymentStatus.Review && target is PaymentStatus.Succeeded or PaymentStatus.Failed
            ? new Transition(TransitionKind.Applied, current, target, "Settled by an operator.")
            : new Transition(TransitionKind.Ignored, current, current, "Only a payment in review can be settled by an operator, and only to succeeded or failed.");

    /// <summary>
    /// A refund's answer: only a pending refund moves, and only to a final state. A final refund never
    /// changes again (a late or replayed answer is recorded and ignored).
    /// </summary>
    public static RefundTransition DecideRefund(RefundStatus current, RefundStatus target)
        => current == target
            ? new RefundTransition(TransitionKind.Duplicate, current, current)
            : current == RefundStatus.Pending
                ? new RefundTransition(TransitionKind.Applied, current, target)
                : new RefundTransition(TransitionKind.Ignored, current, current);

    /// <summary>
    /// A dispute notice (protocol §7: <c>chargeBack</c>, <c>re-presentment</c>; push_status 0 failed,
    /// 1 succeeded, 2 in dispute) and the dispute it finds; null when the dispute does not change.
    /// Our reading, since Oceanpayment publishes no table: status 2 opens a dispute (or keeps it open);
    /// a chargeback that succeeded is lost for the merchant and one that failed is won; a
    /// re-presentment that succeeded is won and one that failed is lost. A closed dispute changes only
    /// when a new chargeback opens one. Never touches the payment's status.
    /// </summary>
    public static DisputeStatus? DecideDispute(DisputeStatus? current, string noticeType, BusinessNoticeStatus push)
    {
        var chargeBack = noticeType == NoticeKind.ChargeBack;
        if (!chargeBack && noticeType != NoticeKind.RePresentment)
        {
            return null;
        }

        DisputeStatus? next = push switch
        {
            BusinessNoticeStatus.InDispute => DisputeStatus.Open,
            BusinessNoticeStatus.Succeeded => chargeBack ? DisputeStatus.Lost : DisputeStatus.Won,
            BusinessNoticeStatus.Failed => chargeBack ? DisputeStatus.Won : DisputeStatus.Lost,
            _ => null,
        };
        if (next is null || next == current)
        {
            return null;
        }

        // Closed stays closed unless a new chargeback opens the payment to dispute again.
        return current is DisputeStatus.Won or DisputeStatus.Lost && !(chargeBack && next == DisputeStatus.Open)
            ? null
            : next;
    }

    /// <summary>The state an outcome leads to, or null when it says nothing final.</summary>
    public static PaymentStatus? TargetOf(GatewayOutcome outcome) => outcome switch
    {
        GatewayOutcome.Succeeded => PaymentStatus.Succeeded,
        GatewayOutcome.RequiresAction => PaymentStatus.RequiresAction,
        GatewayOutcome.Authorised => PaymentStatus.Authorised,
        GatewayOutcome.Pending => PaymentStatus.Pending,
        GatewayOutcome.Failed => PaymentStatus.Failed,
        GatewayOutcome.Voided => PaymentStatus.Canceled,
        _ => null,
    };

    /// <summary>States in which the payment still waits on the gateway or the shopper (and is reconciled).</summary>
    public static bool IsOpen(PaymentStatus status)
        => status is PaymentStatus.Processing or PaymentStatus.RequiresAction or PaymentStatus.Pending;

    public static bool IsFinal(PaymentStatus status) => status is PaymentStatus.Succeeded or PaymentStatus.Failed or PaymentStatus.Canceled;
}
