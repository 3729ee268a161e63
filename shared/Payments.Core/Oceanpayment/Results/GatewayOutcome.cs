namespace Payments.Core.Oceanpayment.Results;

/// <summary>What a verified gateway result means for a payment (protocol reference §13).</summary>
public enum GatewayOutcome
{
    /// <summary><c>payment_status=1</c>.</summary>
    Succeeded,

    /// <summary><c>-1</c> with a <c>pay_url</c>: the shopper must complete a step.</summary>
    RequiresAction,

    /// <summary><c>-1</c> with authType 1 or 3 and no <c>pay_url</c>: authorised, awaiting capture.</summary>
    Authorised,

    /// <summary><c>-1</c> otherwise: QR shown, awaiting the shopper, bank pending.</summary>
    Pending,

    /// <summary><c>0</c> with 20061: the order number already succeeded; query it.</summary>
    AlreadyExists,

    /// <summary>Status uncertain (80031, 80100, 80700) or an unrecognised status: reconcile by query.</summary>
    Unknown,

    /// <summary><c>0</c> otherwise.</summary>
    Failed,

    /// <summary><c>0</c> with 80050: a pre-authorisation was voided.</summary>
    Voided,
}
