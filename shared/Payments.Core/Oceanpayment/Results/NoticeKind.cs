namespace Payments.Core.Oceanpayment.Results;

/// <summary>Values of <c>notice_type</c> (protocol §7). The type is not signed (F4 does not cover it).</summary>
public static class NoticeKind
{
    public const string Transaction = "transaction";

    public const string Refund = "refund";

    public const string PartialRefund = "partialRefund";

    public const string ChargeBack = "chargeBack";

    public const string RePresentment = "re-presentment";

    public const string Retrieval = "retrieval";

    public const string ReversalRetrieval = "reversal-retrieval";

    public const string Fraud = "fraud";

    public const string Arn = "ARN";

    public const string HighRisk = "highRisk";

    /// <summary>Payment results use F3; every other notice type is a business notice signed with F4.</summary>
    public static bool IsPaymentResult(string noticeType) => noticeType == Transaction;

    public static bool IsRefund(string noticeType) => noticeType is Refund or PartialRefund;
}
