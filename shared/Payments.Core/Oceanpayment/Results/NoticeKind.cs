namespace Payments.Core.Oceanpayment.Results;

/// <summary>How a notice is routed: by the value of <c>notice_type</c>.</summary>
public static class NoticeKind
{
    public const string Transaction = "transaction";

    /// <summary>Payment results use F3; every other notice type is a business notice signed with F4.</summary>
    public static bool IsPaymentResult(string noticeType) => noticeType == Transaction;
}
