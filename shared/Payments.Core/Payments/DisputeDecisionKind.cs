namespace Payments.Core.Payments;

/// <summary>What a dispute notice does.</summary>
public enum DisputeDecisionKind
{
    /// <summary>Not a dispute notice (another type, or a <c>push_status</c> outside 0, 1, 2).</summary>
    NotADispute,

    /// <summary>A dispute already holds this notice's <c>push_id</c>.</summary>
    Duplicate,

    /// <summary>It opens a new dispute.</summary>
    Opened,

    /// <summary>It moves the dispute it belongs to forward.</summary>
    Changed,

    /// <summary>It belongs to a dispute but would not move it forward (late, repeated, or contradicting an
    /// equal result): its id is kept on the dispute, nothing else changes.</summary>
    Noted,

    /// <summary>It would open a dispute beyond <see cref="PaymentStateMachine.MaxDisputes"/>: recorded only.</summary>
    TooMany,
}
