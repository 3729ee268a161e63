using Payments.Core.Oceanpayment.Results;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Payments;

public sealed class PaymentStateMachineTests
{
    [Theory]
    [InlineData(PaymentStatus.Processing, GatewayOutcome.Succeeded, TransitionKind.Applied, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Processing, GatewayOutcome.Failed, TransitionKind.Applied, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Processing, GatewayOutcome.RequiresAction, TransitionKind.Applied, PaymentStatus.RequiresAction)]
    [InlineData(PaymentStatus.Processing, GatewayOutcome.Pending, TransitionKind.Applied, PaymentStatus.Pending)]
    [InlineData(PaymentStatus.Processing, GatewayOutcome.Authorised, TransitionKind.Applied, PaymentStatus.Authorised)]
    [InlineData(PaymentStatus.RequiresAction, GatewayOutcome.Succeeded, TransitionKind.Applied, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.RequiresAction, GatewayOutcome.Failed, TransitionKind.Applied, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Pending, GatewayOutcome.Succeeded, TransitionKind.Applied, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Pending, GatewayOutcome.RequiresAction, TransitionKind.Applied, PaymentStatus.RequiresAction)]
    [InlineData(PaymentStatus.Authorised, GatewayOutcome.Succeeded, TransitionKind.Applied, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Authorised, GatewayOutcome.Pending, TransitionKind.Ignored, PaymentStatus.Authorised)]
    // Never backwards from success.
    [InlineData(PaymentStatus.Succeeded, GatewayOutcome.Failed, TransitionKind.Ignored, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Succeeded, GatewayOutcome.Pending, TransitionKind.Ignored, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Succeeded, GatewayOutcome.RequiresAction, TransitionKind.Ignored, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Succeeded, GatewayOutcome.Unknown, TransitionKind.NeedsQuery, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Succeeded, GatewayOutcome.Succeeded, TransitionKind.Duplicate, PaymentStatus.Succeeded)]
    // A failure may still become a success; nothing else moves it.
    [InlineData(PaymentStatus.Failed, GatewayOutcome.Succeeded, TransitionKind.Applied, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Failed, GatewayOutcome.Pending, TransitionKind.Ignored, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Failed, GatewayOutcome.Failed, TransitionKind.Duplicate, PaymentStatus.Failed)]
    // 20061 and uncertain answers say nothing final.
    [InlineData(PaymentStatus.Processing, GatewayOutcome.AlreadyExists, TransitionKind.NeedsQuery, PaymentStatus.Processing)]
    [InlineData(PaymentStatus.Pending, GatewayOutcome.Unknown, TransitionKind.NeedsQuery, PaymentStatus.Pending)]
    // Review is left by a query only.
    [InlineData(PaymentStatus.Review, GatewayOutcome.Succeeded, TransitionKind.Ignored, PaymentStatus.Review)]
    public void Decide_FromNoticeOrAnswer_FollowsTheTable(PaymentStatus current, GatewayOutcome outcome, TransitionKind kind, PaymentStatus to)
    {
        var transition = PaymentStateMachine.Decide(current, outcome, matchesPayment: true, ResultSource.Notice);

        Assert.Equal(kind, transition.Kind);
        Assert.Equal(to, transition.To);
    }

    [Theory]
    [InlineData(PaymentStatus.Failed, GatewayOutcome.Succeeded, ResultSource.Notice, TransitionKind.NeedsQuery)]
    [InlineData(PaymentStatus.Failed, GatewayOutcome.Succeeded, ResultSource.BrowserReturn, TransitionKind.NeedsQuery)]
    [InlineData(PaymentStatus.RequiresAction, GatewayOutcome.Succeeded, ResultSource.Notice, TransitionKind.NeedsQuery)]
    [InlineData(PaymentStatus.Pending, GatewayOutcome.Failed, ResultSource.Notice, TransitionKind.NeedsQuery)]
    // The status query is the one that decides between attempts.
    [InlineData(PaymentStatus.Failed, GatewayOutcome.Succeeded, ResultSource.Query, TransitionKind.Applied)]
    [InlineData(PaymentStatus.Pending, GatewayOutcome.Succeeded, ResultSource.Query, TransitionKind.Applied)]
    // Nothing moves a success or a review on another attempt's word either.
    [InlineData(PaymentStatus.Succeeded, GatewayOutcome.Failed, ResultSource.Notice, TransitionKind.Ignored)]
    [InlineData(PaymentStatus.Review, GatewayOutcome.Succeeded, ResultSource.Notice, TransitionKind.Ignored)]
    public void Decide_ResultNamingAnotherAttempt_IsLeftToAStatusQuery(PaymentStatus current, GatewayOutcome outcome, ResultSource source, TransitionKind kind)
        => Assert.Equal(kind, PaymentStateMachine.Decide(current, outcome, matchesPayment: true, source, namesOtherAttempt: true).Kind);

    [Theory]
    [InlineData(GatewayOutcome.Succeeded, PaymentStatus.Succeeded)]
    [InlineData(GatewayOutcome.Failed, PaymentStatus.Failed)]
    public void Decide_ReviewAndMatchingQuery_Settles(GatewayOutcome outcome, PaymentStatus to)
        => Assert.Equal(to, PaymentStateMachine.Decide(PaymentStatus.Review, outcome, true, ResultSource.Query).To);

    [Fact]
    public void Decide_ReviewAndPendingQuery_StaysInReview()
        => Assert.Equal(PaymentStatus.Review, PaymentStateMachine.Decide(PaymentStatus.Review, GatewayOutcome.Pending, true, ResultSource.Query).To);

    [Theory]
    [InlineData(PaymentStatus.Processing)]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.RequiresAction)]
    [InlineData(PaymentStatus.Failed)]
    public void Decide_MismatchedResult_SendsToReview(PaymentStatus current)
    {
        var transition = PaymentStateMachine.Decide(current, GatewayOutcome.Succeeded, matchesPayment: false, ResultSource.Notice);

        Assert.Equal(TransitionKind.SentToReview, transition.Kind);
        Assert.Equal(PaymentStatus.Review, transition.To);
    }

    [Theory]
    [InlineData(PaymentStatus.Review, PaymentStatus.Succeeded, TransitionKind.Applied)]
    [InlineData(PaymentStatus.Review, PaymentStatus.Failed, TransitionKind.Applied)]
    [InlineData(PaymentStatus.Review, PaymentStatus.Pending, TransitionKind.Ignored)]
    [InlineData(PaymentStatus.Succeeded, PaymentStatus.Failed, TransitionKind.Ignored)]
    [InlineData(PaymentStatus.Pending, PaymentStatus.Succeeded, TransitionKind.Ignored)]
    [InlineData(PaymentStatus.Failed, PaymentStatus.Succeeded, TransitionKind.Ignored)]
    public void DecideOperator_OnlySettlesReviewToAFinalState(PaymentStatus current, PaymentStatus target, TransitionKind kind)
    {
        var transition = PaymentStateMachine.DecideOperator(current, target);

        Assert.Equal(kind, transition.Kind);
        Assert.Equal(kind == TransitionKind.Applied ? target : current, transition.To);
    }

    // A payment that allows another attempt: a failure of the attempt in flight waits for the next card
    // (a pre-authorisation's is not a decline); once waiting, only a success of that attempt moves it.
    [Theory]
    [InlineData(PaymentStatus.Processing, GatewayOutcome.Failed, true, TransitionKind.Applied, PaymentStatus.RequiresPaymentMethod)]
    [InlineData(PaymentStatus.RequiresAction, GatewayOutcome.Failed, true, TransitionKind.Applied, PaymentStatus.RequiresPaymentMethod)]
    [InlineData(PaymentStatus.Pending, GatewayOutcome.Failed, true, TransitionKind.Applied, PaymentStatus.RequiresPaymentMethod)]
    [InlineData(PaymentStatus.Processing, GatewayOutcome.Failed, false, TransitionKind.Applied, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Authorised, GatewayOutcome.Failed, true, TransitionKind.Applied, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Succeeded, GatewayOutcome.Failed, true, TransitionKind.Ignored, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Failed, GatewayOutcome.Failed, true, TransitionKind.Duplicate, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Processing, GatewayOutcome.Succeeded, true, TransitionKind.Applied, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.RequiresPaymentMethod, GatewayOutcome.Failed, true, TransitionKind.Duplicate, PaymentStatus.RequiresPaymentMethod)]
    [InlineData(PaymentStatus.RequiresPaymentMethod, GatewayOutcome.Succeeded, true, TransitionKind.Applied, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.RequiresPaymentMethod, GatewayOutcome.Pending, true, TransitionKind.Ignored, PaymentStatus.RequiresPaymentMethod)]
    [InlineData(PaymentStatus.RequiresPaymentMethod, GatewayOutcome.RequiresAction, true, TransitionKind.Ignored, PaymentStatus.RequiresPaymentMethod)]
    [InlineData(PaymentStatus.RequiresPaymentMethod, GatewayOutcome.Authorised, true, TransitionKind.Ignored, PaymentStatus.RequiresPaymentMethod)]
    [InlineData(PaymentStatus.RequiresPaymentMethod, GatewayOutcome.Unknown, true, TransitionKind.NeedsQuery, PaymentStatus.RequiresPaymentMethod)]
    public void Decide_WhenAnotherAttemptIsAllowed_FollowsTheTable(PaymentStatus current, GatewayOutcome outcome, bool retryAllowed, TransitionKind kind, PaymentStatus to)
    {
        var transition = PaymentStateMachine.Decide(current, outcome, matchesPayment: true, ResultSource.Notice, retryAllowed: retryAllowed);

        Assert.Equal((kind, to), (transition.Kind, transition.To));
    }

    [Fact]
    public void Decide_AWaitingPayment_NamedByAnotherGatewayPaymentId_IsLeftToAStatusQuery()
        => Assert.Equal(TransitionKind.NeedsQuery, PaymentStateMachine.Decide(PaymentStatus.RequiresPaymentMethod, GatewayOutcome.Succeeded, true, ResultSource.Notice, namesOtherAttempt: true).Kind);

    public enum OtherChange
    {
        Send,
        Review,
        NotFound,
    }

    // The rows for the status changes that are not gateway results, checked against every status: only a
    // created payment is sent, once; anything neither final nor in review may go to review; only a payment
    // still processing is failed when the gateway has no record of it. Every other status stays as it is.
    [Theory]
    [InlineData(OtherChange.Send, "Created RequiresPaymentMethod", TransitionKind.Applied, PaymentStatus.Processing)]
    [InlineData(OtherChange.Review, "Created Processing RequiresAction Pending Authorised RequiresPaymentMethod", TransitionKind.SentToReview, PaymentStatus.Review)]
    [InlineData(OtherChange.NotFound, "Processing", TransitionKind.Applied, PaymentStatus.Failed)]
    public void DecideOtherChange_MovesOnlyFromItsRows(OtherChange change, string movesFrom, TransitionKind kind, PaymentStatus to)
    {
        var moving = movesFrom.Split(' ').Select(Enum.Parse<PaymentStatus>).ToHashSet();
        foreach (var current in Enum.GetValues<PaymentStatus>())
        {
            var transition = change switch
            {
                OtherChange.Send => PaymentStateMachine.DecideSend(current),
                OtherChange.Review => PaymentStateMachine.DecideReview(current, "horizon"),
                _ => PaymentStateMachine.DecideNotFound(current),
            };

            Assert.Equal(moving.Contains(current) ? (kind, to) : (TransitionKind.Ignored, current), (transition.Kind, transition.To));
        }
    }

    [Fact]
    public void Decide_MismatchedResultAfterSuccess_KeepsSuccess()
        => Assert.Equal(PaymentStatus.Succeeded, PaymentStateMachine.Decide(PaymentStatus.Succeeded, GatewayOutcome.Failed, false, ResultSource.Notice).To);

    // A pending (-1) result from every source, in every state. Pending is news only for a payment that
    // has no answer yet, or from the shopper's own return: a shopper back from the 3-D Secure page has
    // left the challenge, so the payment waits on the bank, not on the shopper, and becomes pending.
    // A check, notice or repeated answer made while the shopper may still be on the challenge page says
    // nothing new: requires_action (with its nextAction) stays until a final result, the shopper's return
    // or the reconciliation horizon.
    public static TheoryData<PaymentStatus, ResultSource, TransitionKind, PaymentStatus> PendingOutcomes => new()
    {
        { PaymentStatus.Created, ResultSource.PaymentAnswer, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.Created, ResultSource.BrowserReturn, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.Created, ResultSource.Notice, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.Created, ResultSource.Query, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.Processing, ResultSource.PaymentAnswer, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.Processing, ResultSource.BrowserReturn, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.Processing, ResultSource.Notice, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.Processing, ResultSource.Query, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.RequiresAction, ResultSource.PaymentAnswer, TransitionKind.Ignored, PaymentStatus.RequiresAction },
        { PaymentStatus.RequiresAction, ResultSource.BrowserReturn, TransitionKind.Applied, PaymentStatus.Pending },
        { PaymentStatus.RequiresAction, ResultSource.Notice, TransitionKind.Ignored, PaymentStatus.RequiresAction },
        { PaymentStatus.RequiresAction, ResultSource.Query, TransitionKind.Ignored, PaymentStatus.RequiresAction },
        { PaymentStatus.Pending, ResultSource.PaymentAnswer, TransitionKind.Duplicate, PaymentStatus.Pending },
        { PaymentStatus.Pending, ResultSource.BrowserReturn, TransitionKind.Duplicate, PaymentStatus.Pending },
        { PaymentStatus.Pending, ResultSource.Notice, TransitionKind.Duplicate, PaymentStatus.Pending },
        { PaymentStatus.Pending, ResultSource.Query, TransitionKind.Duplicate, PaymentStatus.Pending },
        { PaymentStatus.Authorised, ResultSource.PaymentAnswer, TransitionKind.Ignored, PaymentStatus.Authorised },
        { PaymentStatus.Authorised, ResultSource.BrowserReturn, TransitionKind.Ignored, PaymentStatus.Authorised },
        { PaymentStatus.Authorised, ResultSource.Notice, TransitionKind.Ignored, PaymentStatus.Authorised },
        { PaymentStatus.Authorised, ResultSource.Query, TransitionKind.Ignored, PaymentStatus.Authorised },
        { PaymentStatus.Succeeded, ResultSource.PaymentAnswer, TransitionKind.Ignored, PaymentStatus.Succeeded },
        { PaymentStatus.Succeeded, ResultSource.BrowserReturn, TransitionKind.Ignored, PaymentStatus.Succeeded },
        { PaymentStatus.Succeeded, ResultSource.Notice, TransitionKind.Ignored, PaymentStatus.Succeeded },
        { PaymentStatus.Succeeded, ResultSource.Query, TransitionKind.Ignored, PaymentStatus.Succeeded },
        { PaymentStatus.Failed, ResultSource.PaymentAnswer, TransitionKind.Ignored, PaymentStatus.Failed },
        { PaymentStatus.Failed, ResultSource.BrowserReturn, TransitionKind.Ignored, PaymentStatus.Failed },
        { PaymentStatus.Failed, ResultSource.Notice, TransitionKind.Ignored, PaymentStatus.Failed },
        { PaymentStatus.Failed, ResultSource.Query, TransitionKind.Ignored, PaymentStatus.Failed },
        { PaymentStatus.Canceled, ResultSource.PaymentAnswer, TransitionKind.Ignored, PaymentStatus.Canceled },
        { PaymentStatus.Canceled, ResultSource.BrowserReturn, TransitionKind.Ignored, PaymentStatus.Canceled },
        { PaymentStatus.Canceled, ResultSource.Notice, TransitionKind.Ignored, PaymentStatus.Canceled },
        { PaymentStatus.Canceled, ResultSource.Query, TransitionKind.Ignored, PaymentStatus.Canceled },
        { PaymentStatus.Review, ResultSource.PaymentAnswer, TransitionKind.Ignored, PaymentStatus.Review },
        { PaymentStatus.Review, ResultSource.BrowserReturn, TransitionKind.Ignored, PaymentStatus.Review },
        { PaymentStatus.Review, ResultSource.Notice, TransitionKind.Ignored, PaymentStatus.Review },
        { PaymentStatus.Review, ResultSource.Query, TransitionKind.Ignored, PaymentStatus.Review },
        { PaymentStatus.RequiresPaymentMethod, ResultSource.PaymentAnswer, TransitionKind.Ignored, PaymentStatus.RequiresPaymentMethod },
        { PaymentStatus.RequiresPaymentMethod, ResultSource.BrowserReturn, TransitionKind.Ignored, PaymentStatus.RequiresPaymentMethod },
        { PaymentStatus.RequiresPaymentMethod, ResultSource.Notice, TransitionKind.Ignored, PaymentStatus.RequiresPaymentMethod },
        { PaymentStatus.RequiresPaymentMethod, ResultSource.Query, TransitionKind.Ignored, PaymentStatus.RequiresPaymentMethod },
    };

    [Theory]
    [MemberData(nameof(PendingOutcomes))]
    public void Decide_PendingResult_IsNewsOnlyBeforeAnAnswerOrOnTheShoppersReturn(PaymentStatus current, ResultSource source, TransitionKind kind, PaymentStatus to)
    {
        var transition = PaymentStateMachine.Decide(current, GatewayOutcome.Pending, matchesPayment: true, source);

        Assert.Equal((kind, to), (transition.Kind, transition.To));
        Assert.False(string.IsNullOrWhiteSpace(transition.Reason));
    }

    [Fact]
    public void PendingOutcomes_CoverEveryStatusAndSource()
    {
        var covered = PendingOutcomes.Select(row => ((PaymentStatus)row[0], (ResultSource)row[1])).ToHashSet();

        foreach (var status in Enum.GetValues<PaymentStatus>())
        {
            foreach (var source in Enum.GetValues<ResultSource>())
            {
                Assert.Contains((status, source), covered);
            }
        }

        Assert.Equal(Enum.GetValues<PaymentStatus>().Length * Enum.GetValues<ResultSource>().Length, covered.Count);
    }

    [Fact]
    public void Decide_RequiresActionAndPendingCheck_KeepsTheReasonPlain()
        => Assert.Contains("shopper", PaymentStateMachine.Decide(PaymentStatus.RequiresAction, GatewayOutcome.Pending, true, ResultSource.Query).Reason, StringComparison.Ordinal);

    [Fact]
    public void Decide_EveryStateAndOutcome_NeverLeavesSuccessOrReturnsToCreated()
    {
        foreach (var current in Enum.GetValues<PaymentStatus>())
        {
            foreach (var outcome in Enum.GetValues<GatewayOutcome>())
            {
                foreach (var matches in new[] { true, false })
                {
                    foreach (var source in Enum.GetValues<ResultSource>())
                    {
                        var transition = PaymentStateMachine.Decide(current, outcome, matches, source);
                        Assert.True(current == PaymentStatus.Created || transition.To != PaymentStatus.Created);
                        if (current == PaymentStatus.Succeeded)
                        {
                            Assert.Equal(PaymentStatus.Succeeded, transition.To);
                        }
                    }
                }
            }
        }
    }
}
