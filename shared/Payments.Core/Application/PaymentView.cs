using System.Text.Json.Serialization;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// What the API shows of a payment: no billing details, no card beyond the gateway's mask. <see cref="From"/> is
/// what the merchant sees (its server, webhooks, operators); <see cref="ForShopper"/> is the shopper's page's
/// smaller part of it.
/// </summary>
public sealed record PaymentView
{
    public required string PaymentId { get; init; }

    public required string OrderNumber { get; init; }

    public required string Status { get; init; }

    /// <summary>Minor units.</summary>
    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Method { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MaskedCard { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FailureView? Failure { get; init; }

    /// <summary>Why the last attempt was declined, while the payment waits for another card
    /// (<c>requires_payment_method</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FailureView? LastFailure { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NextActionView? NextAction { get; init; }

    /// <summary>How many gateway attempts the payment allows; absent when one (the default).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxAttempts { get; init; }

    /// <summary>How many more attempts the shopper may make after the current one; absent with one attempt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? AttemptsLeft { get; init; }

    /// <summary>Every gateway attempt, oldest first; absent with one attempt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AttemptView>? Attempts { get; init; }

    /// <summary>Succeeded refunds, in minor units.</summary>
    public long AmountRefunded { get; init; }

    /// <summary>The latest chargeback dispute, when one was opened (the last of <see cref="Disputes"/>; kept for
    /// clients written when a payment had one dispute at most).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DisputeView? Dispute { get; init; }

    /// <summary>Every dispute of the payment, oldest first; absent when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DisputeView>? Disputes { get; init; }

    /// <summary>What the issuer reported about the payment: <c>fraud</c>, <c>highRisk</c>, <c>retrieval</c> (an open retrieval request).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Flags { get; init; }

    /// <summary>The merchant's key-value notes; absent when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The merchant's private notes: absent when there are none, and always on the shopper's page.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? PrivateMetadata { get; init; }

    /// <summary>Every refund of the payment, newest first: only in the merchant's server read
    /// (<c>GET /api/payments/{paymentId}/merchant</c>), which reads them beside the payment.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RefundView>? Refunds { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public static string StatusName(PaymentStatus status) => status switch
    {
        PaymentStatus.Created => "created",
        PaymentStatus.Processing => "processing",
        PaymentStatus.RequiresAction => "requires_action",
        PaymentStatus.Pending => "pending",
        PaymentStatus.Authorised => "authorised",
        PaymentStatus.Succeeded => "succeeded",
        PaymentStatus.Failed => "failed",
        PaymentStatus.Canceled => "canceled",
        PaymentStatus.Review => "review",
        PaymentStatus.RequiresPaymentMethod => "requires_payment_method",
        _ => "unknown",
    };

    public static PaymentView From(PaymentData data, string qrImageUrl) => new()
    {
        PaymentId = data.PaymentId,
        OrderNumber = data.OrderNumber,
        Status = StatusName(data.Status),
        Amount = data.Amount.MinorUnits,
        Currency = data.Amount.Currency.Code,
        Method = MethodNames.ToApi(data.Method),
        MaskedCard = data.MaskedCard.Length > 0 ? data.MaskedCard : null,
        Failure = data.Status == PaymentStatus.Failed
            ? new FailureView(data.FailureCode, ShopperMessages.For(data.FailureCode, data.FailureMessage), DeclineCodes.For(data.FailureCode))
            : null,
        LastFailure = data.Status == PaymentStatus.RequiresPaymentMethod
            ? new FailureView(data.FailureCode, ShopperMessages.For(data.FailureCode, data.FailureMessage), DeclineCodes.For(data.FailureCode))
            : null,
        MaxAttempts = data.MaxAttempts > 1 ? data.MaxAttempts : null,
        AttemptsLeft = data.MaxAttempts > 1 ? data.AttemptsLeft : null,
        Attempts = data.MaxAttempts > 1 ? AttemptView.All(data) : null,
        NextAction = data.NextAction is { } action && data.Status is PaymentStatus.RequiresAction or PaymentStatus.Pending
            ? new NextActionView(action.Type, action.RedirectUrl, action.QrContent, action.QrContent is null ? null : qrImageUrl, action.SdkParameters)
            : null,
        AmountRefunded = data.RefundedMinor,
        Dispute = data.LatestDispute is { } dispute ? DisputeView.From(dispute, data.Disputes.Count, data.Amount.Currency.Code) : null,
        Disputes = data.Disputes.Count > 0 ? [.. data.Disputes.Select((d, i) => DisputeView.From(d, i + 1, data.Amount.Currency.Code))] : null,
        Flags = data.Flags.Count > 0 ? data.Flags : null,
        Metadata = data.Metadata.Count > 0 ? data.Metadata : null,
        PrivateMetadata = data.PrivateMetadata.Count > 0 ? data.PrivateMetadata : null,
        CreatedAt = data.CreatedAt,
        UpdatedAt = data.UpdatedAt,
    };

    /// <summary>What the shopper's page, holding the client secret, may see: no private notes, no refunds list.</summary>
    public PaymentView ForShopper() => this with { PrivateMetadata = null, Refunds = null };
}

/// <summary>A chargeback dispute as the API shows it: <c>open</c>, <c>under_review</c>, <c>won</c> or <c>lost</c>.</summary>
/// <param name="Number">Its place among the payment's disputes, from 1.</param>
/// <param name="Status"><c>open</c>, <c>under_review</c>, <c>won</c> or <c>lost</c>.</param>
/// <param name="Amount">What it takes, in minor units (the captured amount: the notices name none).</param>
/// <param name="Currency">The payment's currency.</param>
/// <param name="Reason">The gateway's text on the notice that opened it.</param>
/// <param name="OpenedAt">The gateway's time of its earliest notice.</param>
/// <param name="ClosedAt">The gateway's time of the notice that decided it.</param>
/// <param name="NoticeIds">The gateway's <c>push_id</c> of each of its notices (the latest 20).</param>
public sealed record DisputeView(
    int Number,
    string Status,
    long Amount,
    string Currency,
    string Reason,
    DateTimeOffset OpenedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ClosedAt,
    IReadOnlyList<string> NoticeIds)
{
    public static string StatusName(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "open",
        DisputeStatus.UnderReview => "under_review",
        DisputeStatus.Won => "won",
        _ => "lost",
    };

    public static DisputeView From(DisputeData dispute, int number, string currency)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return new DisputeView(number, StatusName(dispute.Status), dispute.AmountMinor, currency, dispute.Reason, dispute.OpenedAt, dispute.ClosedAt, dispute.NoticeIds);
    }
}

/// <summary>One gateway attempt of a payment that allows several.</summary>
/// <param name="Number">From 1.</param>
/// <param name="OrderNumber">The order number the attempt was sent under: the payment's for the first,
/// <c>{orderNumber}__{number}</c> for a later one.</param>
/// <param name="Status"><c>failed</c> for an earlier attempt (<c>charged</c> when the gateway later reported
/// that it took money); the payment's status for the current one.</param>
/// <param name="MaskedCard">The gateway's masked card.</param>
/// <param name="Failure">Why it was declined.</param>
/// <param name="SentAt">When it was sent; absent for an attempt not sent yet.</param>
public sealed record AttemptView(
    int Number,
    string OrderNumber,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MaskedCard,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FailureView? Failure,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SentAt)
{
    /// <summary>The earlier attempts, then the current one once it was sent.</summary>
    public static IReadOnlyList<AttemptView> All(PaymentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var views = data.PastAttempts.Select(a => new AttemptView(
            a.Number,
            PaymentAttempts.GatewayOrderNumber(data.OrderNumber, a.Number),
            a.Charged ? "charged" : "failed",
            a.MaskedCard.Length > 0 ? a.MaskedCard : null,
            a.FailureCode.Length > 0 ? new FailureView(a.FailureCode, ShopperMessages.For(a.FailureCode, a.FailureMessage), DeclineCodes.For(a.FailureCode)) : null,
            a.SentAt)).ToList();
        if (data.SentAt is not null)
        {
            var failed = data.Status is PaymentStatus.Failed or PaymentStatus.RequiresPaymentMethod && data.FailureCode.Length > 0;
            views.Add(new AttemptView(
                data.Attempt,
                data.GatewayOrderNumber,
                data.Status == PaymentStatus.RequiresPaymentMethod ? "failed" : PaymentView.StatusName(data.Status),
                data.MaskedCard.Length > 0 ? data.MaskedCard : null,
                failed ? new FailureView(data.FailureCode, ShopperMessages.For(data.FailureCode, data.FailureMessage), DeclineCodes.For(data.FailureCode)) : null,
                data.SentAt));
        }

        return views;
    }
}

/// <summary>Why a payment (or a refund) failed: the gateway's code and a message fit for the shopper.</summary>
/// <param name="Code">The gateway's raw code (or the project's <c>not_found</c> / <c>review_failed</c>).</param>
/// <param name="Message">Fit to show the shopper.</param>
/// <param name="DeclineCode">One of <see cref="DeclineCodes.All"/>, mapped from <paramref name="Code"/>; a payment's
/// failure always has one, a refund's none.</param>
public sealed record FailureView(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeclineCode = null);

/// <summary>The shopper's next step.</summary>
public sealed record NextActionView(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RedirectUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? QrContent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? QrImageUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? SdkParameters);
