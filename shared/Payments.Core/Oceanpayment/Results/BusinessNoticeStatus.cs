namespace Payments.Core.Oceanpayment.Results;

/// <summary><c>push_status</c> of a business notice.</summary>
public enum BusinessNoticeStatus
{
    Unrecognised,
    Failed,
    Succeeded,
    InDispute,
}
