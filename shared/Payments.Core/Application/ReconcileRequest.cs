namespace Payments.Core.Application;

/// <summary>
/// The reconcile queue message: which payment, which attempt, why, and the due time it was booked
/// for (<see cref="Payments.PaymentData.NextCheckAt"/>), so a superseded check can be dropped. Never card data.
/// </summary>
public sealed record ReconcileRequest(string OrderNumber, int Attempt, string Reason)
{
    /// <summary>The booking this check answers; null for the sweep's checks and older messages.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Set when the check is of one refund of the payment (<c>re_...</c>) rather than of the payment.</summary>
    public string? RefundId { get; init; }

    /// <summary>The check after this one, for <paramref name="reason"/>: the next attempt of the same subject, its due time set when it is booked.</summary>
    public ReconcileRequest Next(string reason) => this with { Attempt = Attempt + 1, Reason = reason, DueAt = null };
}
