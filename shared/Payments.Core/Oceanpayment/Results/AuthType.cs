namespace Payments.Core.Oceanpayment.Results;

/// <summary><c>payment_authType</c>.</summary>
public enum AuthType
{
    /// <summary>Empty or a value not in the protocol.</summary>
    Unrecognised,

    /// <summary><c>0</c>: sale.</summary>
    Sale,

    /// <summary><c>1</c>: pre-authorisation without 3-D Secure.</summary>
    PreAuthorisation,

    /// <summary><c>2</c>: 3-D Secure sale.</summary>
    ThreeDSecureSale,

    /// <summary><c>3</c>: 3-D Secure pre-authorisation.</summary>
    ThreeDSecurePreAuthorisation,
}
