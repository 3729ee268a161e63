using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Payments.Functions.Tests;

/// <summary>Builds notices as Oceanpayment (or a forger) would, with this file's own F3 field order.</summary>
internal static class Notices
{
    private static readonly string[] F3 = ["account", "terminal", "order_number", "order_currency", "order_amount", "order_notes", "card_number", "payment_id", "payment_authType", "payment_status", "payment_details", "payment_risk"];

    public static Dictionary<string, string> Success(string orderNumber, string amount, string currency = "USD", string terminal = "99514901") => new()
    {
        ["notice_type"] = "transaction",
        ["response_type"] = "1",
        ["account"] = "995149",
        ["terminal"] = terminal,
        ["order_number"] = orderNumber,
        ["order_currency"] = currency,
        ["order_amount"] = amount,
        ["order_notes"] = string.Empty,
        ["card_number"] = "411111****1111",
        ["payment_id"] = "261126120000123450001",
        ["payment_authType"] = "0",
        ["payment_status"] = "1",
        ["payment_details"] = "80000:Transaction Approved",
        ["payment_risk"] = string.Empty,
    };

    public static HttpContent Signed(Dictionary<string, string> fields, string secureCode)
    {
        var signature = Signature(fields, secureCode);
        var xml = new XElement("response", fields.Select(f => new XElement(f.Key, f.Value)));
        xml.AddFirst(new XElement("signValue", signature));
        return new StringContent(xml.ToString(), Encoding.UTF8, "application/xml");
    }

    /// <summary>The same fields as the browser posts them to <c>backUrl</c>, form-encoded, with their F3 signature.</summary>
    public static string SignedForm(Dictionary<string, string> fields, string secureCode)
        => string.Join('&', fields.Append(new("signValue", Signature(fields, secureCode))).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private static readonly string[] F4 = ["account", "terminal", "order_number", "payment_id", "push_id", "push_status", "push_details"];

    /// <summary>A business notice (F4 with this file's own field order), signed with <paramref name="secureCode"/>
    /// unless <paramref name="signature"/> is given.</summary>
    public static HttpContent Business(Dictionary<string, string> fields, string secureCode, string? signature = null)
    {
        var xml = new XElement("response", fields.Select(f => new XElement(f.Key, f.Value)));
        xml.AddFirst(new XElement("signValue", signature ?? BusinessSignature(fields, secureCode)));
        return new StringContent(xml.ToString(), Encoding.UTF8, "application/xml");
    }

    public static string BusinessSignature(Dictionary<string, string> fields, string secureCode)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(F4.Select(f => fields.GetValueOrDefault(f, string.Empty))) + secureCode)));

    private static string Signature(Dictionary<string, string> fields, string secureCode)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(F3.Select(f => fields[f])) + secureCode)));
}
