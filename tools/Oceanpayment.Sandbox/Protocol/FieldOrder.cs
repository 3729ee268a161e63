using Microsoft.Extensions.Primitives;

namespace Oceanpayment.Sandbox.Protocol;

/// <summary>The sandbox's own table of signed field orders (protocol §4); secure code always last.</summary>
internal static class FieldOrder
{
    /// <summary>F1: S2S payment request to <c>direct/pay</c> and <c>directservice/pay</c>.</summary>
    public static readonly IReadOnlyList<string> F1 =
    [
        "account", "terminal", "order_number", "order_currency", "order_amount",
        "billing_firstName", "billing_lastName", "billing_email",
    ];

    /// <summary>F1 variant with <c>backUrl</c> after <c>terminal</c> (option <c>IncludeBackUrlInF1</c>).</summary>
    public static readonly IReadOnlyList<string> F1WithBackUrl =
    [
        "account", "terminal", "backUrl", "order_number", "order_currency", "order_amount",
        "billing_firstName", "billing_lastName", "billing_email",
    ];

    /// <summary>F3: payment result (synchronous XML, backUrl form, notice).</summary>
    public static readonly IReadOnlyList<string> F3 =
    [
        "account", "terminal", "order_number", "order_currency", "order_amount", "order_notes",
        "card_number", "payment_id", "payment_authType", "payment_status", "payment_details", "payment_risk",
    ];

    /// <summary>F4: business notice (refund, chargeback, dispute, ...).</summary>
    public static readonly IReadOnlyList<string> F4 =
    [
        "account", "terminal", "order_number", "payment_id", "push_id", "push_status", "push_details",
    ];

    /// <summary>F6: order status query <c>check/normal</c>.</summary>
    public static readonly IReadOnlyList<string> F6 = ["account", "terminal", "order_number"];

    /// <summary>F9: refund request <c>applyRefund</c>.</summary>
    public static readonly IReadOnlyList<string> F9 =
    [
        "account", "terminal", "payment_id", "refund_type", "refund_amount", "refund_description",
    ];

    /// <summary>F10: refund query <c>queryRefund</c>.</summary>
    public static readonly IReadOnlyList<string> F10 = ["account", "terminal", "refund_id"];

    /// <summary>F11: capture of a pre-authorisation (<c>service/auth</c>, payment_authType 1).</summary>
    public static readonly IReadOnlyList<string> F11 = ["account", "terminal", "payment_id", "payment_authType", "order_amount"];

    /// <summary>F12: void of a pre-authorisation (<c>service/auth</c>, payment_authType 2).</summary>
    public static readonly IReadOnlyList<string> F12 = ["account", "terminal", "payment_id", "payment_authType"];

    /// <summary>Values of a received form in the given order, exactly as received; absent fields are empty.</summary>
    public static IEnumerable<string> ValuesOf(IReadOnlyList<string> order, Func<string, StringValues> lookup) =>
        order.Select(name => lookup(name).ToString());

    public static IEnumerable<string> ValuesOf(IReadOnlyList<string> order, IReadOnlyDictionary<string, string> fields) =>
        order.Select(name => fields.TryGetValue(name, out var value) ? value : "");
}
