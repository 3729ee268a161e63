namespace Payments.Core.Payments;

/// <summary>The decision of the state machine for one result.</summary>
public sealed record Transition(TransitionKind Kind, PaymentStatus From, PaymentStatus To, string Reason)
{
    public bool Changed => From != To;
}

/// <summary>What the transition table decided for a refund.</summary>
public sealed record RefundTransition(TransitionKind Kind, RefundStatus From, RefundStatus To)
{
    public bool Changed => Kind == TransitionKind.Applied;
}
