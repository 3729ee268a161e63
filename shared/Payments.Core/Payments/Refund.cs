using Payments.Core.Amounts;

namespace Payments.Core.Payments;

/// <summary>Where a refund stands. Pending until the gateway's refund query (or the notice that
/// triggers one) gives a final answer; final states never change.</summary>
public enum RefundStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// One refund of a payment, stored in the payment's partition beside it, so that creating or settling
/// it and changing the payment's refund totals commit in one conditional batch.
/// </summary>
public sealed record RefundData
{
    /// <summary>Our id (<c>re_...</c>): derived from the Idempotency-Key when there is one.</summary>
    public required string RefundId { get; init; }

    public required Money Amount { get; init; }

    public string Reason { get; init; } = string.Empty;

    public required RefundStatus Status { get; init; }

    /// <summary>The gateway's <c>refund_id</c>, once its answer (or a verified query) named it.</summary>
    public string GatewayRefundId { get; init; } = string.Empty;

    /// <summary>The id a refund notice named for this refund: unsigned, so only a refund query that
    /// agrees makes it <see cref="GatewayRefundId"/>.</summary>
    public string NoticedGatewayRefundId { get; init; } = string.Empty;

    /// <summary>The gateway's last word on it (<c>refund_results</c> / <c>refund_status</c> and details).</summary>
    public string GatewayCode { get; init; } = string.Empty;

    public string GatewayDetails { get; init; } = string.Empty;

    /// <summary>The acquirer reference number, from an <c>ARN</c> notice.</summary>
    public string Arn { get; init; } = string.Empty;

    /// <summary>True while the applyRefund call has not answered usably: the refund may or may not exist
    /// at the gateway, so it is never sent again; checks and notices find out.</summary>
    public bool AnswerLost { get; init; }

    /// <summary>True when no check could settle it by the horizon: a person looks (the amount stays reserved).</summary>
    public bool NeedsReview { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The one booked check of this refund (coalesced like a payment's).</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    public int CheckAttempt { get; init; }

    /// <summary>0 for a refund of the payment's own charge; otherwise the earlier attempt whose late charge this
    /// refund gives back (made by the app, never asked for: see <see cref="Payment.Apply"/>).</summary>
    public int ChargeAttempt { get; init; }

    /// <summary>The gateway payment id of the charge refunded when it is not the payment's own (<see cref="ChargeAttempt"/>).</summary>
    public string ChargePaymentId { get; init; } = string.Empty;

    /// <summary>SHA-256 of the amount and reason asked for: a replay with the same Idempotency-Key must match.</summary>
    public string RequestHash { get; init; } = string.Empty;

    /// <summary>The last status told to the merchant (a refund event); <see cref="RefundStatus.Pending"/>
    /// until its final state is told. Set only by <see cref="Events.PaymentChanges"/>.</summary>
    public RefundStatus AnnouncedStatus { get; init; }
}
