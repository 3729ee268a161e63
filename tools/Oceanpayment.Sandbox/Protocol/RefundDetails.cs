namespace Oceanpayment.Sandbox.Protocol;

/// <summary><c>refund_details</c> / <c>push_details</c> texts of refunds; never starting with a digit.</summary>
internal static class RefundDetails
{
    public const string Pending = "Refund pending";
    public const string InReview = "Refund in review";
    public const string Succeeded = "Refund successful";
    public const string Failed = "Refund failed: declined by the issuer";
}
