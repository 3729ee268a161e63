using System.Collections.Immutable;

namespace Payments.Core.Oceanpayment.Signing;

/// <summary>
/// The one place that knows which field values, in which order, make up each signed string
/// (protocol reference §4). The terminal's secure code is appended after the last field.
/// </summary>
public static class SignedFields
{
    private static readonly ImmutableArray<string> Payment =
        ["account", "terminal", "order_number", "order_currency", "order_amount", "billing_firstName", "billing_lastName", "billing_email"];

    // The hosted-page order (F2) puts backUrl after terminal; for S2S it is unconfirmed, so it is a switch.
    private static readonly ImmutableArray<string> PaymentWithBackUrl =
        ["account", "terminal", "backUrl", "order_number", "order_currency", "order_amount", "billing_firstName", "billing_lastName", "billing_email"];

    private static readonly ImmutableArray<string> Result =
        ["account", "terminal", "order_number", "order_currency", "order_amount", "order_notes", "card_number", "payment_id", "payment_authType", "payment_status", "payment_details", "payment_risk"];

    private static readonly ImmutableArray<string> BusinessNotice =
        ["account", "terminal", "order_number", "payment_id", "push_id", "push_status", "push_details"];

    private static readonly ImmutableArray<string> Query = ["account", "terminal", "order_number"];

    private static readonly ImmutableArray<string> Refund =
        ["account", "terminal", "payment_id", "refund_type", "refund_amount", "refund_description"];

    private static readonly ImmutableArray<string> RefundQuery = ["account", "terminal", "refund_id"];

    private static readonly ImmutableArray<string> Capture = ["account", "terminal", "payment_id", "payment_authType", "order_amount"];

    private static readonly ImmutableArray<string> Void = ["account", "terminal", "payment_id", "payment_authType"];

    /// <summary>The field names whose values are concatenated, in order, for a message kind.</summary>
    /// <param name="kind">The message kind.</param>
    /// <param name="includeBackUrl">Only for <see cref="SignatureKind.Payment"/>: put <c>backUrl</c> after <c>terminal</c>.</param>
    public static ImmutableArray<string> For(SignatureKind kind, bool includeBackUrl = false) => kind switch
    {
        SignatureKind.Payment => includeBackUrl ? PaymentWithBackUrl : Payment,
        SignatureKind.Result => Result,
        SignatureKind.BusinessNotice => BusinessNotice,
        SignatureKind.Query => Query,
        SignatureKind.Refund => Refund,
        SignatureKind.RefundQuery => RefundQuery,
        SignatureKind.Capture => Capture,
        SignatureKind.Void => Void,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown signature kind."),
    };
}
