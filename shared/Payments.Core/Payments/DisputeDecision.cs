namespace Payments.Core.Payments;

/// <summary>What <see cref="PaymentStateMachine.DecideDispute"/> makes of a notice.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Index">The dispute it belongs to, in the payment's list (for <see cref="DisputeDecisionKind.Opened"/>,
/// the new one's place, at the end); -1 when none.</param>
/// <param name="Status">The dispute's status afterwards.</param>
/// <param name="Final">True when a re-presentment's result decided it.</param>
/// <param name="Reason">Why, in plain words.</param>
public sealed record DisputeDecision(DisputeDecisionKind Kind, int Index, DisputeStatus Status, bool Final, string Reason)
{
    public static DisputeDecision Nothing(DisputeDecisionKind kind, string reason) => new(kind, -1, DisputeStatus.Open, false, reason);
}
