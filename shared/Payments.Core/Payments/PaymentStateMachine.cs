using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Payments;

/// <summary>
/// The one transition table. Every change of a payment's status asks it: a gateway result (confirm
/// answer, browser return, notice, status query) through <see cref="Decide"/>, and sending, review, a
/// payment the gateway never received and an operator's decision through their own rows below. Rules (protocol reference §13): never backwards from success;
/// a failure may still become a success; duplicates are no-ops; a pending result leaves a payment that
/// requires the shopper's action as it is, unless it comes with the shopper's return; a result that does not match the
/// payment sends it to review; review is left only by a settling query or an operator; a result that
/// names another gateway payment id than the recorded one changes nothing on its own word: a status
/// query decides; a declined attempt of a payment that allows another leaves it waiting for a new card,
/// which only a success of that same attempt changes.
/// </summary>
public static class PaymentStateMachine
{
    /// <param name="current">The payment's state.</param>
    /// <param name="outcome">What the verified result says.</param>
    /// <param name="matchesPayment">Amount, currency, account, terminal and order number are the payment's.</param>
    /// <param name="source">Where the result came from.</param>
    /// <param name="namesOtherAttempt">The payment has a gateway payment id and the result names another one (or none).</param>
    /// <param name="retryAllowed">The payment allows another attempt after this one (<see cref="PaymentData.AttemptsLeft"/>).</param>
    public static Transition Decide(PaymentStatus current, GatewayOutcome outcome, bool matchesPayment, ResultSource source, bool namesOtherAttempt = false, bool retryAllowed = false)
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
            PaymentStatus.Processing or PaymentStatus.RequiresAction or PaymentStatus.Pending when target == PaymentStatus.Failed && retryAllowed
                => new Transition(TransitionKind.Applied, current, PaymentStatus.RequiresPaymentMethod, "The attempt failed and the payment allows another: it waits for the shopper's next card."),
            PaymentStatus.RequiresPaymentMethod when target == PaymentStatus.Failed
                => new Transition(TransitionKind.Duplicate, current, current, "The attempt's failure is already recorded."),
            PaymentStatus.RequiresPaymentMethod when target == PaymentStatus.Succeeded
                => new Transition(TransitionKind.Applied, current, target.Value, "A verified success of the attempt arrived after its failure: money was taken."),
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

    /// <summary>Sending: a created payment is sent once; a payment whose declined attempt allows another sends
    /// its next attempt once. A second send (a repeated or concurrent confirm) changes nothing.</summary>
    public static Transition DecideSend(PaymentStatus current)
        => current switch
        {
            PaymentStatus.Created => new Transition(TransitionKind.Applied, current, PaymentStatus.Processing, "Sent to the gateway."),
            PaymentStatus.RequiresPaymentMethod => new Transition(TransitionKind.Applied, current, PaymentStatus.Processing, "The next attempt sent to the gateway."),
            _ => new Transition(TransitionKind.Ignored, current, current, "Only a created payment, or one waiting for another card, is sent, and each attempt only once."),
        };

    /// <summary>
    /// A person must look (no answer by the reconciliation horizon, a poison message, an operator's
    /// request): any payment that is neither final nor already in review goes to review.
    /// </summary>
    public static Transition DecideReview(PaymentStatus current, string reason)
        => IsFinal(current) || current == PaymentStatus.Review
            ? new Transition(TransitionKind.Ignored, current, current, reason)
            : new Transition(TransitionKind.SentToReview, current, PaymentStatus.Review, reason);

    /// <summary>A status query past the grace period found no record of the order: only a payment still
    /// processing (the gateway may never have received it) fails, uncharged.</summary>
    public static Transition DecideNotFound(PaymentStatus current)
        => current == PaymentStatus.Processing
            ? new Transition(TransitionKind.Applied, current, PaymentStatus.Failed, "Not found at the gateway after the grace period.")
            : new Transition(TransitionKind.Ignored, current, current, "Only a payment still processing can be found missing.");

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

    /// <summary>The most disputes one payment keeps (they live in its row): beyond it a notice is recorded only.</summary>
    public const int MaxDisputes = 20;

    // What each dispute notice says (protocol §7: push_status 0 failed, 1 succeeded, 2 in dispute) and its
    // rank in a dispute's life. Our reading, since Oceanpayment publishes no table. A dispute only moves to
    // a higher rank, so notices that arrive out of order never move it backwards, and a re-presentment's
    // result (rank 3) is final over the chargeback's (rank 2).
    private static readonly Dictionary<(string Type, BusinessNoticeStatus Push), (DisputeStatus Status, int Rank)> DisputeTable = new()
    {
        [(NoticeKind.ChargeBack, BusinessNoticeStatus.InDispute)] = (DisputeStatus.Open, 0),
        [(NoticeKind.RePresentment, BusinessNoticeStatus.InDispute)] = (DisputeStatus.UnderReview, 1),
        [(NoticeKind.ChargeBack, BusinessNoticeStatus.Succeeded)] = (DisputeStatus.Lost, 2),
        [(NoticeKind.ChargeBack, BusinessNoticeStatus.Failed)] = (DisputeStatus.Won, 2),
        [(NoticeKind.RePresentment, BusinessNoticeStatus.Succeeded)] = (DisputeStatus.Won, 3),
        [(NoticeKind.RePresentment, BusinessNoticeStatus.Failed)] = (DisputeStatus.Lost, 3),
    };

    /// <summary>
    /// A dispute notice (<c>chargeBack</c>, <c>re-presentment</c>) and the payment's disputes, oldest first:
    /// which dispute it belongs to and what it does there. The one place with the dispute rules (the table
    /// above, then):
    /// <list type="number">
    /// <item>A notice whose <c>push_id</c> a dispute already holds is a duplicate.</item>
    /// <item>With no dispute yet, it opens one, at the status the table gives (a late first notice too).</item>
    /// <item>A notice <em>follows</em> a closed dispute when it is dated (gateway time) after the close and
    /// is a chargeback, or a re-presentment's result closed the dispute (a re-presentment after only the
    /// chargeback's result contests that chargeback). Dated at or before the close, it is a late notice of
    /// that dispute.</item>
    /// <item>It belongs to the latest dispute opened at or before its date, or whose predecessor it
    /// follows (else to the first); when it follows the latest dispute, it opens a new one.</item>
    /// <item>In its dispute it applies only when its rank is above the dispute's; otherwise it is noted.</item>
    /// </list>
    /// Never touches the payment's status. Notices of a second chargeback that arrive while the first
    /// dispute is still open join it: a notice names no chargeback of its own.
    /// </summary>
    public static DisputeDecision DecideDispute(IReadOnlyList<DisputeData> disputes, DisputeNotice notice)
    {
        ArgumentNullException.ThrowIfNull(disputes);
        ArgumentNullException.ThrowIfNull(notice);
        if (!DisputeTable.TryGetValue((notice.NoticeType, notice.Push), out var says))
        {
            return DisputeDecision.Nothing(DisputeDecisionKind.NotADispute, "Not a dispute notice.");
        }

        if (notice.PushId.Length > 0 && disputes.Any(d => d.NoticeIds.Contains(notice.PushId, StringComparer.Ordinal)))
        {
            return DisputeDecision.Nothing(DisputeDecisionKind.Duplicate, "A dispute already holds this notice.");
        }

        var final = says.Rank == 3;
        if (disputes.Count == 0)
        {
            return new DisputeDecision(DisputeDecisionKind.Opened, 0, says.Status, final, "The payment's first dispute.");
        }

        // The latest dispute the notice can belong to: one opened at or before it, or one whose predecessor it follows.
        var index = 0;
        for (var i = disputes.Count - 1; i > 0; i--)
        {
            if (disputes[i].OpenedAt <= notice.At || Follows(disputes[i - 1], notice))
            {
                index = i;
                break;
            }
        }

        var dispute = disputes[index];
        if (index == disputes.Count - 1 && Follows(dispute, notice))
        {
            return disputes.Count >= MaxDisputes
                ? DisputeDecision.Nothing(DisputeDecisionKind.TooMany, "The payment has as many disputes as it can keep.")
                : new DisputeDecision(DisputeDecisionKind.Opened, disputes.Count, says.Status, final, "Dated after the last dispute closed: a new chargeback.");
        }

        return says.Rank > RankOf(dispute)
            ? new DisputeDecision(DisputeDecisionKind.Changed, index, says.Status, final, "The dispute moves forward.")
            : new DisputeDecision(DisputeDecisionKind.Noted, index, dispute.Status, dispute.Final, "Late, repeated or no further than the dispute already is: noted, nothing changes.");
    }

    // A notice that comes after a closed dispute and cannot continue it: dated after its close, and a
    // chargeback, or anything once a re-presentment's result closed it (a re-presentment after only the
    // chargeback's result contests that chargeback).
    private static bool Follows(DisputeData dispute, DisputeNotice notice)
        => dispute.IsClosed && dispute.ClosedAt is { } closedAt && notice.At > closedAt
            && (notice.NoticeType == NoticeKind.ChargeBack || dispute.Final);

    /// <summary>A dispute's rank: open 0, under review 1, closed by the chargeback's result 2, by the re-presentment's 3.</summary>
    public static int RankOf(DisputeData dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return dispute.Status switch
        {
            DisputeStatus.Open => 0,
            DisputeStatus.UnderReview => 1,
            _ => dispute.Final ? 3 : 2,
        };
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
