using System.Collections.ObjectModel;
using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Payments;

/// <summary>A payment's stored state. Changed only through <see cref="Payment"/>.</summary>
public sealed record PaymentData
{
    public required string PaymentId { get; init; }

    public required string OrderNumber { get; init; }

    public required string Account { get; init; }

    public required string Terminal { get; init; }

    /// <summary>The routing rule that chose <see cref="Terminal"/> at creation, in plain words (empty for
    /// payments created before routing rules existed).</summary>
    public string RoutedBy { get; init; } = string.Empty;

    public required PaymentMethod Method { get; init; }

    public required Money Amount { get; init; }

    public required PaymentStatus Status { get; init; }

    public required BillingDetails Billing { get; init; }

    public IReadOnlyList<ProductLine> Products { get; init; } = [];

    public string OrderNotes { get; init; } = string.Empty;

    public CaptureMode CaptureMode { get; init; } = CaptureMode.Sale;

    /// <summary>The merchant's key-value notes, shown back by the API and never sent to the gateway.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The merchant's notes kept from the shopper's page: shown to the merchant's server, webhooks and
    /// operators only, never sent to the gateway.</summary>
    public IReadOnlyDictionary<string, string> PrivateMetadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The merchant page the shopper is sent to afterwards.</summary>
    public required string ReturnUrl { get; init; }

    /// <summary>
    /// Lets the shopper's browser confirm and read this one payment (like a Stripe client secret):
    /// it moves no money on its own and is compared in constant time.
    /// </summary>
    public required string ClientSecret { get; init; }

    /// <summary>SHA-256 of the create request that made this payment (idempotent replays compare it).</summary>
    public string RequestHash { get; init; } = string.Empty;

    /// <summary>How many gateway attempts the payment allows (1 to <see cref="PaymentAttempts.Max"/>): while
    /// attempts remain, a declined attempt leaves it <see cref="PaymentStatus.RequiresPaymentMethod"/>.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>The current (or last) attempt, from 1. The fields below that the gateway reports
    /// (<see cref="GatewayPaymentId"/>, <see cref="MaskedCard"/>, the failure) are this attempt's.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The attempts before <see cref="Attempt"/>, oldest first.</summary>
    public IReadOnlyList<AttemptData> PastAttempts { get; init; } = [];

    /// <summary>The order number the current attempt is sent under (<see cref="PaymentAttempts"/>).</summary>
    public string GatewayOrderNumber => PaymentAttempts.GatewayOrderNumber(OrderNumber, Attempt);

    /// <summary>How many more attempts the shopper may make after the current one: none once the payment
    /// has an outcome that takes no further card (succeeded, authorised, failed, canceled, review).</summary>
    public int AttemptsLeft => Status is PaymentStatus.Created or PaymentStatus.Processing or PaymentStatus.RequiresAction
        or PaymentStatus.Pending or PaymentStatus.RequiresPaymentMethod
        ? Math.Max(0, MaxAttempts - Math.Max(Attempt, PastAttempts.Count == 0 ? 0 : PastAttempts.Max(a => a.Number)))
        : 0;

    public string GatewayPaymentId { get; init; } = string.Empty;

    /// <summary>The gateway payment id of the charge <paramref name="refund"/> gives back: the payment's own,
    /// or an earlier attempt's late charge (<see cref="RefundData.ChargeAttempt"/>).</summary>
    public string ChargePaymentIdOf(RefundData refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return refund.ChargeAttempt > 0 ? refund.ChargePaymentId : GatewayPaymentId;
    }

    /// <summary>The gateway order number of the charge <paramref name="refund"/> gives back.</summary>
    public string ChargeOrderNumberOf(RefundData refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return refund.ChargeAttempt > 0 ? PaymentAttempts.GatewayOrderNumber(OrderNumber, refund.ChargeAttempt) : GatewayOrderNumber;
    }

    /// <summary>The gateway's masked card (first 6 + last 4); never more.</summary>
    public string MaskedCard { get; init; } = string.Empty;

    public string FailureCode { get; init; } = string.Empty;

    public string FailureMessage { get; init; } = string.Empty;

    public NextAction? NextAction { get; init; }

    public string ReviewReason { get; init; } = string.Empty;

    /// <summary>True while the gateway's answer was ambiguous and only a query can tell.</summary>
    public bool OutcomeUnknown { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the payment was sent to the gateway.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>When the one scheduled status check of this payment is due. While it lies ahead, every
    /// other request for a check is coalesced into it (at most one scheduled check per payment).</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    /// <summary>When a status query last answered for this payment.</summary>
    public DateTimeOffset? LastQueriedAt { get; init; }

    /// <summary>What a capture took, when less than <see cref="Amount"/>; null means the whole amount.</summary>
    public long? CapturedMinor { get; init; }

    /// <summary>Pending and succeeded refunds, in minor units: what may no longer be refunded.</summary>
    public long RefundsReservedMinor { get; init; }

    /// <summary>Succeeded refunds, in minor units.</summary>
    public long RefundedMinor { get; init; }

    /// <summary>Refunds still pending (their checks keep the payment in the reconcile sweep's sight).</summary>
    public int OpenRefunds { get; init; }

    /// <summary>The payment's disputes (chargebacks), oldest first; changed only through
    /// <see cref="PaymentStateMachine.DecideDispute"/>.</summary>
    public IReadOnlyList<DisputeData> Disputes { get; init; } = [];

    /// <summary>The latest dispute, if any.</summary>
    public DisputeData? LatestDispute => Disputes.Count > 0 ? Disputes[^1] : null;

    /// <summary>Business notices that matter to whoever looks at the payment (fraud report, high risk,
    /// retrieval request), by notice type, each once.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>
    /// Counts the changes told to the list index and the merchant (see
    /// <see cref="Events.PaymentChanges"/>): raised in the same write as the change, never by hand.
    /// </summary>
    public long ChangeSequence { get; init; }

    /// <summary>The status as of the last counted change; null before the first one.</summary>
    public PaymentStatus? AnnouncedStatus { get; init; }
}
