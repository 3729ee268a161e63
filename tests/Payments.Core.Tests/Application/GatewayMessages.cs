using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Payments.Core.Tests.Application;

/// <summary>
/// Builds gateway messages for tests with its own copy of the F3 field order, so a mistake in the
/// product's table would not be mirrored here.
/// </summary>
internal static class GatewayMessages
{
    public const string SecureCode = "12345678";

    private static readonly string[] F3 = ["account", "terminal", "order_number", "order_currency", "order_amount", "order_notes", "card_number", "payment_id", "payment_authType", "payment_status", "payment_details", "payment_risk"];

    public static Dictionary<string, string> Result(string orderNumber, string status, string details, string amount = "100.00", string currency = "USD", string terminal = "99514901", string payUrl = "", string barCode = "")
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["notice_type"] = "transaction",
            ["account"] = "995149",
            ["terminal"] = terminal,
            ["order_number"] = orderNumber,
            ["order_currency"] = currency,
            ["order_amount"] = amount,
            ["order_notes"] = string.Empty,
            ["card_number"] = "411111****1111",
            ["payment_id"] = "231115103045123010521",
            ["payment_authType"] = payUrl.Length > 0 ? "2" : "0",
            ["payment_status"] = status,
            ["payment_details"] = details,
            ["payment_risk"] = string.Empty,
        };
        if (payUrl.Length > 0)
        {
            fields["pay_url"] = payUrl;
        }

        if (barCode.Length > 0)
        {
            fields["pay_barCode"] = barCode;
        }

        return fields;
    }

    public static string Sign(Dictionary<string, string> fields, string secureCode = SecureCode)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(F3.Select(f => fields.GetValueOrDefault(f, string.Empty))) + secureCode)));

    public static byte[] Xml(Dictionary<string, string> fields, string? signature = null, string root = "response")
    {
        var element = new XElement(root, fields.Select(f => new XElement(f.Key, f.Value)));
        element.AddFirst(new XElement("signValue", signature ?? Sign(fields)));
        return Encoding.UTF8.GetBytes(element.ToString());
    }

    /// <summary>A <c>check/normal</c> answer with one block for the order.</summary>
    public static global::Payments.Core.Application.GatewayCall QueryAnswer(string orderNumber, string results, string paymentId = "231115103045123010521", string amount = "100.00")
        => global::Payments.Core.Application.GatewayCall.Answer(Encoding.UTF8.GetBytes(
            $"<response><paymentInfo><order_number>{orderNumber}</order_number><order_currency>USD</order_currency><order_amount>{amount}</order_amount><payment_id>{paymentId}</payment_id><payment_results>{results}</payment_results><payment_details>80000:Approved</payment_details></paymentInfo></response>"));

    private static readonly string[] F4 = ["account", "terminal", "order_number", "payment_id", "push_id", "push_status", "push_details"];

    public const string PaymentId = "231115103045123010521";

    /// <summary>A business notice (F4-signed by this file's own copy of the field order).</summary>
    public static Dictionary<string, string> Business(string orderNumber, string type, string pushStatus, string details, string pushId = "231120090000111010511", string terminal = "99514901")
        => new(StringComparer.Ordinal)
        {
            ["notice_type"] = type,
            ["account"] = "995149",
            ["terminal"] = terminal,
            ["order_number"] = orderNumber,
            ["payment_id"] = PaymentId,
            ["push_id"] = pushId,
            ["push_status"] = pushStatus,
            ["push_details"] = details,
        };

    public static string SignBusiness(Dictionary<string, string> fields, string secureCode = SecureCode)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(F4.Select(f => fields.GetValueOrDefault(f, string.Empty))) + secureCode)));

    public static byte[] BusinessXml(Dictionary<string, string> fields, string? signature = null)
        => Xml(fields, signature ?? SignBusiness(fields));

    /// <summary>An <c>applyRefund</c> answer; a refused one names no refund id.</summary>
    public static global::Payments.Core.Application.GatewayCall RefundAnswer(string results, string refundId, string terminal = "99514901")
        => global::Payments.Core.Application.GatewayCall.Answer(Encoding.UTF8.GetBytes(
            $"<response><account>995149</account><terminal>{terminal}</terminal><payment_id>{PaymentId}</payment_id><refund_id>{refundId}</refund_id><refund_results>{results}</refund_results><refund_details>{(results == "00" ? "Refund accepted" : "Refund amount exceeds the refundable amount")}</refund_details></response>"));

    /// <summary>A <c>queryRefund</c> answer with one refund.</summary>
    public static global::Payments.Core.Application.GatewayCall RefundQueryAnswer(string refundId, string status, string amount, string orderNumber, string paymentId = PaymentId)
        => global::Payments.Core.Application.GatewayCall.Answer(Encoding.UTF8.GetBytes(
            $"<response><account>995149</account><terminal>99514901</terminal><refundInfo><refund_id>{refundId}</refund_id><payment_id>{paymentId}</payment_id><order_number>{orderNumber}</order_number><refund_amount>{amount}</refund_amount><refund_currency>USD</refund_currency><refund_status>{status}</refund_status><refund_details>{(status == "1" ? "Refund successful" : status == "0" ? "Refund failed" : "Refund pending")}</refund_details></refundInfo></response>"));

    public static string Form(Dictionary<string, string> fields, string? signature = null)
    {
        var all = new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["signValue"] = signature ?? Sign(fields), ["response_type"] = "0", ["card_type"] = "null" };
        return string.Join('&', all.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
    }
}
