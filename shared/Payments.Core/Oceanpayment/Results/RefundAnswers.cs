using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Payments;

namespace Payments.Core.Oceanpayment.Results;

/// <summary>
/// The answer of <c>applyRefund</c> (protocol §10): <c>refund_id</c> and <c>refund_results</c>
/// (<c>00</c> accepted). It is not signed (no formula is published), so like <c>check/normal</c> it is
/// trusted through TLS to the configured host, and every field must have its exact shape or the answer
/// counts as lost: the refund may exist, so it is found out, never sent again.
/// </summary>
public sealed record RefundAnswer(string Results, string GatewayRefundId, string Details)
{
    public const string Accepted = "00";

    public bool IsAccepted => Results == Accepted;

    /// <summary>Null when the document is not a well-formed answer for <paramref name="paymentId"/>.</summary>
    public static RefundAnswer? Parse(byte[] document, string account, string terminal, string paymentId)
    {
        var parsed = GatewayXml.ParseMessage(document);
        if (!parsed.Succeeded)
        {
            return null;
        }

        var m = parsed.Value;
        var results = m["refund_results"];
        var refundId = m["refund_id"];
        if (m["account"] != account || m["terminal"] != terminal || m["payment_id"] != paymentId
            || !RefundShapes.IsResults(results) || !RefundShapes.IsText(m["refund_details"]))
        {
            return null;
        }

        // An accepted refund names its id; a refused one names none.
        return (results == Accepted ? RefundShapes.IsRefundId(refundId) : refundId.Length == 0)
            ? new RefundAnswer(results, refundId, m["refund_details"])
            : null;
    }
}

/// <summary>
/// The answer of <c>queryRefund</c> (F10): one <c>refundInfo</c> block, or none with
/// <c>query_results</c> / <c>query_details</c> when the query itself was refused. Unsigned, trusted
/// through TLS like the apply answer, and shape-checked the same way.
/// </summary>
public sealed record RefundQueryAnswer(RefundInfo? Refund, string RefusalDetails)
{
    /// <summary>Null when the document is unreadable or a field is off its shape.</summary>
    public static RefundQueryAnswer? Parse(byte[] document)
    {
        var parsed = GatewayXml.ParseDocument(document, "refundInfo");
        if (!parsed.Succeeded)
        {
            return null;
        }

        var blocks = parsed.Value.Blocks;
        if (blocks.Count == 0)
        {
            var details = parsed.Value.Fields["query_details"];
            return RefundShapes.IsText(details) ? new RefundQueryAnswer(null, details) : null;
        }

        if (blocks.Count > 1)
        {
            return null;
        }

        var b = blocks[0];
        var status = b["refund_status"] switch
        {
            "1" => RefundStatus.Succeeded,
            "0" => RefundStatus.Failed,
            "-1" => RefundStatus.Pending,
            _ => (RefundStatus?)null,
        };
        if (status is null || !RefundShapes.IsRefundId(b["refund_id"]) || !Signing.FieldShapes.IsGatewayId(b["payment_id"])
            || !Signing.FieldShapes.IsOrderNumber(b["order_number"]) || !Currency.TryParse(b["refund_currency"], out var currency)
            || !Money.TryParseDecimal(b["refund_amount"], currency, out var amount) || !RefundShapes.IsText(b["refund_details"]))
        {
            return null;
        }

        return new RefundQueryAnswer(new RefundInfo(b["refund_id"], b["payment_id"], b["order_number"], amount, status.Value, b["refund_status"], b["refund_details"]), string.Empty);
    }
}

/// <summary>One refund as <c>queryRefund</c> reports it.</summary>
public sealed record RefundInfo(string GatewayRefundId, string PaymentId, string OrderNumber, Money Amount, RefundStatus Status, string RawStatus, string Details);

/// <summary>Shapes of the refund answers' fields (unsigned: each is checked on its own).</summary>
public static class RefundShapes
{
    /// <summary>The gateway's refund id: digits only (the sandbox issues 18), at most 32.</summary>
    public static bool IsRefundId(string? value)
        => value is { Length: >= 1 and <= 32 } && !value.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>An acquirer reference number (unsigned, from an <c>ARN</c> notice): 1-40 letters and digits.</summary>
    public static bool IsArn(string? value)
        => value is { Length: >= 1 and <= 40 } && value.All(char.IsAsciiLetterOrDigit);

    /// <summary><c>refund_results</c>: two digits.</summary>
    public static bool IsResults(string? value) => value is { Length: 2 } && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]);

    public static bool IsText(string? value) => Signing.FieldShapes.IsTextOrEmpty(value);
}
