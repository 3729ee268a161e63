namespace Payments.Core.Application;

public enum CreatePaymentStatus
{
    Created,

    /// <summary>The same Idempotency-Key and body were seen before: the original payment.</summary>
    Replayed,

    /// <summary>The same Idempotency-Key came with another body.</summary>
    IdempotencyKeyReused,

    /// <summary>A request with this Idempotency-Key is still being processed.</summary>
    InProgress,

    /// <summary>The order number belongs to another payment.</summary>
    OrderNumberTaken,

    Invalid,
}

/// <summary>The outcome of a create request.</summary>
public sealed record CreatePaymentResult(CreatePaymentStatus Status, PaymentView? Payment = null, string? ClientSecret = null, IReadOnlyList<Oceanpayment.Requests.FieldError>? Errors = null);
