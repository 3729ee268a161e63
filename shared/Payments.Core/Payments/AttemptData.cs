namespace Payments.Core.Payments;

/// <summary>
/// An earlier gateway attempt of a payment that allows several (<see cref="PaymentData.MaxAttempts"/>):
/// what the gateway said of it when the shopper moved on to the next one. Stored as JSON in the payment's
/// row; every field is bounded by the result's field shapes. Never card data beyond the gateway's mask.
/// </summary>
public sealed record AttemptData
{
    /// <summary>From 1; its gateway order number is <see cref="PaymentAttempts.GatewayOrderNumber"/>.</summary>
    public required int Number { get; init; }

    /// <summary>The gateway's payment id of the attempt, when it gave one.</summary>
    public string GatewayPaymentId { get; init; } = string.Empty;

    /// <summary>The gateway's masked card (first 6 + last 4).</summary>
    public string MaskedCard { get; init; } = string.Empty;

    /// <summary>The gateway's code for the decline.</summary>
    public string FailureCode { get; init; } = string.Empty;

    /// <summary>The gateway's text for the decline.</summary>
    public string FailureMessage { get; init; } = string.Empty;

    /// <summary>When it was sent.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>True when the gateway reported, after the payment had moved on, that this attempt took money
    /// (<see cref="PaymentData.Flags"/> then holds <see cref="PaymentAttempts.LateChargeFlag"/>).</summary>
    public bool Charged { get; init; }

    /// <summary>When the next attempt replaced it.</summary>
    public required DateTimeOffset EndedAt { get; init; }
}
