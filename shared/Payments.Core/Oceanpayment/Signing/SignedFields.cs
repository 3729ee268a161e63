using System.Collections.Immutable;

namespace Payments.Core.Oceanpayment.Signing;

/// <summary>
/// The one place that knows which field values, in which order, make up each signed string
/// (protocol reference §4), and, for the strings the gateway sends us, the shape of every field
/// (<see cref="FieldShapes"/>). The terminal's secure code is appended after the last field.
/// </summary>
public static class SignedFields
{
    // The received kinds: each field with its shape, in signing order. A value off its shape makes the
    // whole message unverified, whatever its signature (see FirstOffShape).
    private static readonly ImmutableArray<(string Name, Func<string?, bool> Shape)> ResultShapes =
    [
        ("account", FieldShapes.IsAccount),
        ("terminal", FieldShapes.IsTerminal),
        ("order_number", FieldShapes.IsOrderNumber),
        ("order_currency", FieldShapes.IsCurrency),
        ("order_amount", FieldShapes.IsGatewayAmount),
        ("order_notes", FieldShapes.IsTextOrEmpty),
        ("card_number", FieldShapes.IsMaskedCardOrEmpty),
        ("payment_id", FieldShapes.IsGatewayIdOrEmpty),
        ("payment_authType", FieldShapes.IsAuthType),
        ("payment_status", FieldShapes.IsPaymentStatus),
        ("payment_details", FieldShapes.IsPaymentDetailsOrEmpty),
        ("payment_risk", FieldShapes.IsRisk),
    ];

    private static readonly ImmutableArray<(string Name, Func<string?, bool> Shape)> BusinessNoticeShapes =
    [
        ("account", FieldShapes.IsAccount),
        ("terminal", FieldShapes.IsTerminal),
        ("order_number", FieldShapes.IsOrderNumber),
        ("payment_id", FieldShapes.IsGatewayId),
        ("push_id", FieldShapes.IsGatewayId),
        ("push_status", FieldShapes.IsPushStatus),
        ("push_details", FieldShapes.IsTextOrEmpty),
    ];

    private static readonly ImmutableArray<string> Payment =
        ["account", "terminal", "order_number", "order_currency", "order_amount", "billing_firstName", "billing_lastName", "billing_email"];

    // The hosted-page order (F2) puts backUrl after terminal; for S2S it is unconfirmed, so it is a switch.
    private static readonly ImmutableArray<string> PaymentWithBackUrl =
        ["account", "terminal", "backUrl", "order_number", "order_currency", "order_amount", "billing_firstName", "billing_lastName", "billing_email"];

    private static readonly ImmutableArray<string> Result = [.. ResultShapes.Select(f => f.Name)];

    private static readonly ImmutableArray<string> BusinessNotice = [.. BusinessNoticeShapes.Select(f => f.Name)];

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

    /// <summary>True for the kinds the gateway sends us (F3, F4): those have a shape for every field.</summary>
    public static bool IsReceived(SignatureKind kind) => kind is SignatureKind.Result or SignatureKind.BusinessNotice;

    /// <summary>True when <paramref name="value"/> has the shape of <paramref name="field"/> in a received kind.</summary>
    public static bool HasShape(SignatureKind kind, string field, string? value)
    {
        foreach (var (name, shape) in ShapesOf(kind))
        {
            if (name == field)
            {
                return shape(value);
            }
        }

        throw new ArgumentException($"'{field}' is not signed in {kind}.", nameof(field));
    }

    /// <summary>
    /// The first signed field of a received message whose value is off its shape, or null when all
    /// are on it. With <paramref name="known"/> (the stored payment the message names), the echoed
    /// values must also be exactly those: <c>order_notes</c> of a result (free text, so only the
    /// stored copy can fix its boundaries) and <c>payment_id</c> of a business notice.
    /// </summary>
    public static string? FirstOffShape(SignatureKind kind, Func<string, string?> valueOf, KnownValues? known = null)
    {
        foreach (var (name, shape) in ShapesOf(kind))
        {
            if (!shape(valueOf(name)))
            {
                return name;
            }
        }

        if (known is { } k)
        {
            if (kind == SignatureKind.Result && !string.Equals(valueOf("order_notes") ?? string.Empty, k.OrderNotes, StringComparison.Ordinal))
            {
                return "order_notes";
            }

            if (kind == SignatureKind.BusinessNotice && k.GatewayPaymentId.Length > 0
                && !string.Equals(valueOf("payment_id"), k.GatewayPaymentId, StringComparison.Ordinal))
            {
                return "payment_id";
            }
        }

        return null;
    }

    private static ImmutableArray<(string Name, Func<string?, bool> Shape)> ShapesOf(SignatureKind kind) => kind switch
    {
        SignatureKind.Result => ResultShapes,
        SignatureKind.BusinessNotice => BusinessNoticeShapes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only received kinds (F3, F4) have shapes to check."),
    };
}
