namespace Payments.Core.Events;

/// <summary>The event types a merchant can receive, by name.</summary>
public static class MerchantEventTypes
{
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentRequiresAction = "payment.requires_action";
    public const string PaymentReview = "payment.review";
    public const string PaymentAuthorised = "payment.authorised";
    public const string PaymentCanceled = "payment.canceled";
    public const string RefundSucceeded = "refund.succeeded";
    public const string RefundFailed = "refund.failed";
    public const string DisputeOpened = "dispute.opened";
    public const string DisputeUpdated = "dispute.updated";
    public const string DisputeClosed = "dispute.closed";

    public static IReadOnlyList<string> All { get; } =
    [
        PaymentSucceeded, PaymentFailed, PaymentRequiresAction, PaymentReview, PaymentAuthorised, PaymentCanceled,
        RefundSucceeded, RefundFailed, DisputeOpened, DisputeUpdated, DisputeClosed,
    ];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
