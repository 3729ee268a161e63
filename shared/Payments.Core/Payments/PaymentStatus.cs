namespace Payments.Core.Payments;

/// <summary>The states of a payment. Final: <see cref="Succeeded"/>, and <see cref="Failed"/> unless money
/// turns out to have been taken. <see cref="Review"/> is left only by an operator or a settling query.</summary>
public enum PaymentStatus
{
    /// <summary>Created by the merchant's server; nothing sent to the gateway yet.</summary>
    Created,

    /// <summary>Sent to the gateway; the outcome is not known yet (or the answer was ambiguous).</summary>
    Processing,

    /// <summary>The shopper must complete a step (3-D Secure page, QR code, app).</summary>
    RequiresAction,

    /// <summary>The gateway reported pending (-1): waiting for the shopper or the bank.</summary>
    Pending,

    /// <summary>A pre-authorisation holds the funds, awaiting capture.</summary>
    Authorised,

    Succeeded,

    Failed,

    /// <summary>A pre-authorisation released (voided) before capture: final, nothing was taken.</summary>
    Canceled,

    /// <summary>Something does not add up (amount, currency, terminal, or no answer by the horizon).</summary>
    Review,

    /// <summary>The attempt was declined (or its 3-D Secure failed) and the payment allows another: the
    /// shopper may confirm again with another card (<see cref="PaymentData.MaxAttempts"/>).</summary>
    RequiresPaymentMethod,
}
