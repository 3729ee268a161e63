using System.Globalization;
using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Payments;

/// <summary>
/// The payment aggregate: its state changes only through these methods, each guarded by the
/// current state and by <see cref="PaymentStateMachine"/>. Its refunds are entities it owns
/// (Payment.Refunds.cs); so are its disputes, kept in its data (Payment.Disputes.cs).
/// </summary>
public sealed partial class Payment(PaymentData data)
{
    // Storage and message formats may round a due time; two bookings are never this close.
    private static readonly TimeSpan StaleCheckTolerance = TimeSpan.FromSeconds(1);

    public PaymentData Data { get; private set; } = data;

    public PaymentStatus Status => Data.Status;

    /// <summary>True while only a status query can settle the payment: it is open, or a failure was
    /// contradicted by a result that a query must confirm.</summary>
    public bool AwaitsStatusCheck
        => PaymentStateMachine.IsOpen(Data.Status) || (Data.Status is PaymentStatus.Failed or PaymentStatus.Authorised or PaymentStatus.RequiresPaymentMethod && Data.OutcomeUnknown);

    /// <summary>
    /// Created -> Processing, just before the attempt's one gateway call, with its first status check booked
    /// for <paramref name="firstCheckAt"/>. From <see cref="PaymentStatus.RequiresPaymentMethod"/> this is the
    /// next attempt: the declined one is kept in <see cref="PaymentData.PastAttempts"/> and the new one starts
    /// with nothing from the gateway. False if already sent, or while the declined attempt's outcome is in
    /// doubt (a query must settle it first).
    /// </summary>
    public bool MarkSent(DateTimeOffset now, DateTimeOffset firstCheckAt)
    {
        var transition = PaymentStateMachine.DecideSend(Data.Status);
        if (transition.Kind != TransitionKind.Applied || Data.OutcomeUnknown)
        {
            return false;
        }

        if (transition.From == PaymentStatus.RequiresPaymentMethod)
        {
            StartNextAttempt(now);
        }

        Data = Data with { Status = transition.To, SentAt = now, UpdatedAt = now, NextCheckAt = firstCheckAt };
        return true;
    }

    /// <summary>
    /// Books a status check for <paramref name="dueAt"/> unless one is already booked for later than
    /// <paramref name="now"/>: requests are coalesced so that a payment has at most one scheduled
    /// check, however many notices, returns or confirms ask. False when coalesced.
    /// </summary>
    public bool BookCheck(DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (Data.NextCheckAt is { } booked && booked > now)
        {
            return false;
        }

        Data = Data with { NextCheckAt = dueAt };
        return true;
    }

    /// <summary>Dates a change recorded against the payment that moves none of its own state (a notice
    /// about it, one of its refunds): the payment's <see cref="PaymentData.UpdatedAt"/> shows it.</summary>
    public void Touch(DateTimeOffset now) => Data = Data with { UpdatedAt = now };

    /// <summary>The running check books its successor, replacing its own booking.</summary>
    public void RebookCheck(DateTimeOffset dueAt) => Data = Data with { NextCheckAt = dueAt };

    /// <summary>
    /// True when a queued check (due at <paramref name="dueAt"/>) is no longer the booking of anything with
    /// one booked check (a payment, a refund): another check replaced it and is still ahead, so this one is
    /// dropped. A check without a due time (the sweep's, older messages) is never stale.
    /// </summary>
    public static bool IsStale(DateTimeOffset? dueAt, DateTimeOffset? booked, DateTimeOffset now)
        => dueAt is { } due && booked is { } next && next > now
            && (next - due).Duration() > StaleCheckTolerance;


    /// <summary>The gateway call ended without a usable answer (timeout, 5xx, bad XML, bad signature).</summary>
    public Transition MarkOutcomeUnknown(string reason, DateTimeOffset now)
    {
        var from = Data.Status;
        if (from != PaymentStatus.Processing)
        {
            return new Transition(TransitionKind.Ignored, from, from, reason);
        }

        Data = Data with { OutcomeUnknown = true, UpdatedAt = now };
        return new Transition(TransitionKind.NeedsQuery, from, from, reason);
    }

    /// <summary>
    /// Applies a verified result through the transition table. A result of an attempt the payment has moved
    /// on from goes to <see cref="ApplyToPastAttempt"/>; a late charge refunded automatically has its first
    /// check at <paramref name="refundCheckAt"/> (now when not given).
    /// </summary>
    public Transition Apply(GatewayFacts facts, DateTimeOffset now, DateTimeOffset? refundCheckAt = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (PastAttemptOf(facts) is { } past)
        {
            return ApplyToPastAttempt(facts, past, now, refundCheckAt ?? now);
        }

        var namesOtherAttempt = Data.GatewayPaymentId.Length > 0 && facts.GatewayPaymentId != Data.GatewayPaymentId;
        var transition = PaymentStateMachine.Decide(Data.Status, facts.Outcome, Matches(facts, out var mismatch), facts.Source, namesOtherAttempt, retryAllowed: Data.AttemptsLeft > 0);
        switch (transition.Kind)
        {
            case TransitionKind.Applied:
                Data = Data with
                {
                    Status = transition.To,
                    GatewayPaymentId = facts.GatewayPaymentId.Length > 0 ? facts.GatewayPaymentId : Data.GatewayPaymentId,
                    MaskedCard = facts.MaskedCard.Length > 0 ? facts.MaskedCard : Data.MaskedCard,
                    FailureCode = transition.To is PaymentStatus.Failed or PaymentStatus.RequiresPaymentMethod ? facts.Details.Code : string.Empty,
                    FailureMessage = transition.To is PaymentStatus.Failed or PaymentStatus.RequiresPaymentMethod ? facts.Details.Text : string.Empty,
                    NextAction = transition.To is PaymentStatus.RequiresAction or PaymentStatus.Pending
                        ? NextAction.From(facts) ?? Data.NextAction
                        : null,
                    OutcomeUnknown = false,
                    ReviewReason = transition.To == PaymentStatus.Review ? Data.ReviewReason : string.Empty,
                    UpdatedAt = now,
                };
                break;
            case TransitionKind.SentToReview:
                Data = Data with { Status = transition.To, ReviewReason = mismatch ?? transition.Reason, NextAction = null, UpdatedAt = now };
                break;
            case TransitionKind.Duplicate when facts.GatewayPaymentId.Length > 0 && Data.GatewayPaymentId.Length == 0:
                Data = Data with { GatewayPaymentId = facts.GatewayPaymentId, UpdatedAt = now };
                break;
            case TransitionKind.NeedsQuery when Data.Status is PaymentStatus.Processing or PaymentStatus.Failed or PaymentStatus.RequiresPaymentMethod:
                // A failure contradicted by a result that only a query can confirm is checked like an open payment.
                Data = Data with { OutcomeUnknown = true, UpdatedAt = now };
                break;
        }

        if (facts.Source == ResultSource.Query)
        {
            // A query answered: whatever it said, the question it was asked is settled.
            Data = Data with { LastQueriedAt = now, OutcomeUnknown = transition.Kind == TransitionKind.NeedsQuery && Data.OutcomeUnknown };
        }

        return transition;
    }

    /// <summary>No answer by the reconciliation horizon, a poison message, or another reason to have a person look.</summary>
    public Transition MarkForReview(string reason, DateTimeOffset now)
    {
        var transition = PaymentStateMachine.DecideReview(Data.Status, reason);
        if (transition.Kind == TransitionKind.SentToReview)
        {
            Data = Data with { Status = transition.To, ReviewReason = reason, NextAction = null, UpdatedAt = now };
        }

        return transition;
    }

    /// <summary>An operator's decision for a payment in review (see <see cref="PaymentStateMachine.DecideOperator"/>).</summary>
    public Transition ResolveReview(PaymentStatus target, DateTimeOffset now)
    {
        var transition = PaymentStateMachine.DecideOperator(Data.Status, target);
        if (transition.Kind == TransitionKind.Applied)
        {
            Data = Data with
            {
                Status = transition.To,
                FailureCode = target == PaymentStatus.Failed ? "review_failed" : string.Empty,
                FailureMessage = string.Empty,
                ReviewReason = string.Empty,
                UpdatedAt = now,
            };
        }

        return transition;
    }

    /// <summary>
    /// A failed or authorised payment awaited a query only to confirm a doubt (a success claimed after a
    /// failure, a capture or void whose answer was lost); the query, past the grace period, found no
    /// record of the order: nothing contradicts the recorded state, so the doubt is settled as it stands.
    /// </summary>
    public bool SettleDoubtWithoutRecord(DateTimeOffset now)
    {
        if (Data.Status is not (PaymentStatus.Failed or PaymentStatus.Authorised) || !Data.OutcomeUnknown)
        {
            return false;
        }

        Data = Data with { OutcomeUnknown = false, CapturedMinor = Data.Status == PaymentStatus.Authorised ? null : Data.CapturedMinor, NextCheckAt = null, LastQueriedAt = now, UpdatedAt = now };
        return true;
    }

    /// <summary>Ends a payment the gateway never received (a query after the grace period found nothing).</summary>
    public Transition MarkNotFoundAtGateway(DateTimeOffset now)
    {
        var transition = PaymentStateMachine.DecideNotFound(Data.Status);
        if (transition.Kind == TransitionKind.Applied)
        {
            Data = Data with
            {
                Status = transition.To,
                FailureCode = "not_found",
                FailureMessage = "The gateway has no record of this payment; it was not charged.",
                OutcomeUnknown = false,
                UpdatedAt = now,
            };
        }

        return transition;
    }

    /// <summary>
    /// Before a capture or void of a pre-authorisation is sent: only an authorised payment with no such
    /// request in flight may start one. Its outcome counts as unknown (a status check is booked for
    /// <paramref name="firstCheckAt"/>) until the gateway's verified answer or that check settles it, so
    /// a crash or a lost answer is found out, never sent again blindly. A capture records the amount it
    /// takes (null: all).
    /// </summary>
    public bool BeginAuthAction(long? captureMinor, DateTimeOffset now, DateTimeOffset firstCheckAt)
    {
        if (Data.Status != PaymentStatus.Authorised || Data.OutcomeUnknown)
        {
            return false;
        }

        Data = Data with
        {
            OutcomeUnknown = true,
            CapturedMinor = captureMinor is { } amount && amount < Data.Amount.MinorUnits ? amount : null,
            NextCheckAt = firstCheckAt,
            UpdatedAt = now,
        };
        return true;
    }

    /// <summary>The gateway refused the capture or void (verified): the pre-authorisation stands as it was.</summary>
    public void EndAuthActionRefused(DateTimeOffset now)
    {
        if (Data.Status == PaymentStatus.Authorised)
        {
            Data = Data with { OutcomeUnknown = false, CapturedMinor = null, UpdatedAt = now };
        }
    }

    /// <summary>Amount, currency, account, terminal and order number of a result must be the payment's own.</summary>
    public bool Matches(GatewayFacts facts, out string? mismatch)
    {
        mismatch = null;
        if (facts.OrderNumber != Data.GatewayOrderNumber)
        {
            mismatch = "The result names another order number than the attempt's.";
        }
        else if (facts.Account != Data.Account || facts.Terminal != Data.Terminal)
        {
            mismatch = "The result names another account or terminal.";
        }
        else if (facts.Currency != Data.Amount.Currency.Code)
        {
            mismatch = string.Create(CultureInfo.InvariantCulture, $"The result's currency differs from the payment's {Data.Amount.Currency.Code}.");
        }
        else if (!Money.TryParseDecimal(facts.Amount, Data.Amount.Currency, out var amount) || amount != Data.Amount)
        {
            mismatch = string.Create(CultureInfo.InvariantCulture, $"The result's amount differs from the payment's {Data.Amount}.");
        }

        return mismatch is null;
    }
}
