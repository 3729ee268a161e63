using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Payments;

/// <summary>
/// The payment's attempts (<see cref="PaymentData.MaxAttempts"/>): the next attempt after a decline, and
/// the results of attempts the payment has moved on from.
/// </summary>
public sealed partial class Payment
{
    /// <summary>The earlier attempt that <paramref name="facts"/> name by their order number, if any.</summary>
    public AttemptData? PastAttemptOf(GatewayFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (order, number) = PaymentAttempts.Split(facts.OrderNumber);
        return order == Data.OrderNumber && number != Data.Attempt
            ? Data.PastAttempts.FirstOrDefault(a => a.Number == number)
            : null;
    }

    // The declined attempt is kept, and the next one starts with nothing from the gateway.
    private void StartNextAttempt(DateTimeOffset now)
    {
        var ended = CurrentAttemptEndedAt(now);
        Data = Data with
        {
            Attempt = Data.PastAttempts.Count + 2,
            PastAttempts = [.. Data.PastAttempts, ended],
            GatewayPaymentId = string.Empty,
            MaskedCard = string.Empty,
            FailureCode = string.Empty,
            FailureMessage = string.Empty,
            NextAction = null,
        };
    }

    /// <summary>
    /// A verified result of an attempt the payment has moved on from. A failure or a pending result of it
    /// says nothing new: recorded only. A success means that attempt took money after all, which is never
    /// kept silently:
    /// <list type="bullet">
    /// <item>the payment holds no charge (it failed, or waits for another card): that attempt becomes the
    /// payment's, through the transition table;</item>
    /// <item>the payment holds a charge or an authorisation of its own, or was canceled: the late charge is
    /// refunded automatically (a refund of that attempt's charge, first checked at <paramref name="refundCheckAt"/>);</item>
    /// <item>another attempt is still in flight: review, for a person to settle on the gateway's record;</item>
    /// <item>in review already: flagged <see cref="PaymentAttempts.LateChargeFlag"/> for whoever looks.</item>
    /// </list>
    /// </summary>
    private Transition ApplyToPastAttempt(GatewayFacts facts, AttemptData attempt, DateTimeOffset now, DateTimeOffset refundCheckAt)
    {
        var current = Data.Status;
        // The order number named the attempt; everything else must be the payment's own.
        if (!Matches(facts with { OrderNumber = Data.GatewayOrderNumber }, out _))
        {
            return new Transition(TransitionKind.Ignored, current, current, $"A result naming attempt {attempt.Number} that does not match the payment was recorded and ignored.");
        }

        if (facts.Outcome != GatewayOutcome.Succeeded)
        {
            return new Transition(TransitionKind.Ignored, current, current, $"A result of attempt {attempt.Number}, which the payment has moved on from, was recorded.");
        }

        if (attempt.Charged)
        {
            return new Transition(TransitionKind.Duplicate, current, current, $"Attempt {attempt.Number}'s late charge is already recorded.");
        }

        var charged = attempt with
        {
            Charged = true,
            GatewayPaymentId = facts.GatewayPaymentId.Length > 0 ? facts.GatewayPaymentId : attempt.GatewayPaymentId,
            MaskedCard = facts.MaskedCard.Length > 0 ? facts.MaskedCard : attempt.MaskedCard,
        };
        switch (current)
        {
            case PaymentStatus.Failed or PaymentStatus.RequiresPaymentMethod:
                return AdoptAttempt(charged, facts, now);
            case PaymentStatus.Succeeded or PaymentStatus.Authorised or PaymentStatus.Canceled:
                ReplaceAttempt(charged, now);
                RefundLateCharge(charged, now, refundCheckAt);
                return new Transition(TransitionKind.Ignored, current, current, $"Attempt {attempt.Number} took money after the payment moved on: that charge is refunded automatically.");
        }

        ReplaceAttempt(charged, now);
        var review = MarkForReview($"Attempt {attempt.Number} took money while attempt {Data.Attempt} is not settled: a person settles it on the gateway's record.", now);
        if (review.Kind == TransitionKind.SentToReview)
        {
            return review;
        }

        Data = Data with { Flags = Data.Flags.Contains(PaymentAttempts.LateChargeFlag) ? Data.Flags : [.. Data.Flags, PaymentAttempts.LateChargeFlag] };
        return new Transition(TransitionKind.Ignored, current, current, $"Attempt {attempt.Number} took money after the payment moved on; flagged for the person settling the review.");
    }

    // The payment held no charge: the attempt that took money becomes the payment's current one, and the
    // attempt it replaces is kept with the others.
    private Transition AdoptAttempt(AttemptData charged, GatewayFacts facts, DateTimeOffset now)
    {
        var transition = PaymentStateMachine.Decide(Data.Status, GatewayOutcome.Succeeded, matchesPayment: true, facts.Source);
        if (transition.Kind != TransitionKind.Applied)
        {
            return transition;
        }

        var replaced = CurrentAttemptEndedAt(now);
        Data = Data with
        {
            Status = transition.To,
            Attempt = charged.Number,
            PastAttempts = [.. Data.PastAttempts.Where(a => a.Number != charged.Number).Append(replaced).OrderBy(a => a.Number)],
            GatewayPaymentId = charged.GatewayPaymentId,
            MaskedCard = charged.MaskedCard,
            SentAt = charged.SentAt ?? Data.SentAt,
            FailureCode = string.Empty,
            FailureMessage = string.Empty,
            NextAction = null,
            OutcomeUnknown = false,
            UpdatedAt = now,
        };
        return transition with { Reason = $"Attempt {charged.Number} took money after it was declined: it is the payment's charge." };
    }

    // What the gateway said of the current attempt, kept as it ends.
    private AttemptData CurrentAttemptEndedAt(DateTimeOffset now) => new AttemptData
    {
        Number = Data.Attempt,
        GatewayPaymentId = Data.GatewayPaymentId,
        MaskedCard = Data.MaskedCard,
        FailureCode = Data.FailureCode,
        FailureMessage = Data.FailureMessage,
        SentAt = Data.SentAt,
        EndedAt = now,
    };

    private void ReplaceAttempt(AttemptData attempt, DateTimeOffset now)
        => Data = Data with { PastAttempts = [.. Data.PastAttempts.Select(a => a.Number == attempt.Number ? attempt : a)], UpdatedAt = now };

    // The late charge is given back in full: a refund of that attempt's charge, made once (its id is the
    // attempt's), which the payment's own refund totals do not count.
    private void RefundLateCharge(AttemptData attempt, DateTimeOffset now, DateTimeOffset firstCheckAt)
    {
        var refund = new RefundData
        {
            RefundId = PaymentAttempts.LateChargeRefundId(Data.OrderNumber, attempt.Number),
            Amount = new Money(Data.Amount.MinorUnits, Data.Amount.Currency),
            Reason = $"Automatic refund: attempt {attempt.Number} charged after the payment had moved on",
            Status = RefundStatus.Pending,
            AnswerLost = true,
            CreatedAt = now,
            UpdatedAt = now,
            NextCheckAt = firstCheckAt,
            ChargeAttempt = attempt.Number,
            ChargePaymentId = attempt.GatewayPaymentId,
        };
        Data = Data with { OpenRefunds = Data.OpenRefunds + 1, UpdatedAt = now };
        _refunds.Insert(0, refund);
        _newRefunds.Add(refund);
    }
}
