namespace Payments.Core.Payments;

/// <summary>The decision of the state machine for one result.</summary>
public sealed record Transition(TransitionKind Kind, PaymentStatus From, PaymentStatus To, string Reason)
{
    public bool Changed => From != To;
}
