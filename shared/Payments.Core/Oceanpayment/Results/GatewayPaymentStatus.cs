namespace Payments.Core.Oceanpayment.Results;

/// <summary><c>payment_status</c> (and <c>payment_results</c> in query answers).</summary>
public enum GatewayPaymentStatus
{
    /// <summary>Anything other than 1, 0 or -1: treated as unknown and reconciled.</summary>
    Unrecognised,

    /// <summary><c>1</c>.</summary>
    Success,

    /// <summary><c>0</c>.</summary>
    Failure,

    /// <summary><c>-1</c>: not final.</summary>
    Pending,
}
