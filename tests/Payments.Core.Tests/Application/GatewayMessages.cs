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

    public static string Form(Dictionary<string, string> fields, string? signature = null)
    {
        var all = new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["signValue"] = signature ?? Sign(fields), ["response_type"] = "0", ["card_type"] = "null" };
        return string.Join('&', all.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
    }
}
