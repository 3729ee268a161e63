using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

namespace Oceanpayment.Sandbox.Tests.Support;

/// <summary>Test-side merchant for capture, void, refunds and business notices, with its own field lists.</summary>
internal static class AfterPayment
{
    public const string AuthPath = "/gateway/service/auth";
    public const string ApplyRefundPath = "/service/applyRefund";
    public const string QueryRefundPath = "/service/queryRefund";

    private static readonly string[] F4 = ["account", "terminal", "order_number", "payment_id", "push_id", "push_status", "push_details"];

    public static bool F4Verifies(XElement root, string secureCode = Gateway.SecureCode) =>
        root.Value("signValue") == Gateway.Sha256(string.Concat(F4.Select(name => root.Value(name))) + secureCode);

    /// <summary>A card payment with <c>ET_NOTES=pre</c> and the given amount; returns the answer.</summary>
    public static async Task<XElement> PreAuthAsync(this HttpClient client, string orderNumber, string amount = "10.00", string? noticeUrl = null, string terminal = Gateway.CardTerminal)
    {
        var form = Gateway.Card(orderNumber, terminal: terminal);
        form["ET_NOTES"] = "pre";
        form["order_amount"] = amount;
        if (noticeUrl is not null)
        {
            form["noticeUrl"] = noticeUrl;
        }

        return await client.PayAsync(Gateway.DirectPay, form.Signed());
    }

    /// <summary>A sale card payment with the given amount; returns the answer.</summary>
    public static async Task<XElement> SaleAsync(this HttpClient client, string orderNumber, string amount = "1.00", string? noticeUrl = null, string card = "4111111111111111")
    {
        var form = Gateway.Card(orderNumber, card);
        form["order_amount"] = amount;
        if (noticeUrl is not null)
        {
            form["noticeUrl"] = noticeUrl;
        }

        return await client.PayAsync(Gateway.DirectPay, form.Signed());
    }

    /// <summary>Capture (F11, <paramref name="amount"/> null leaves order_amount out) or void (F12).</summary>
    public static async Task<XElement> AuthAsync(this HttpClient client, string paymentId, string authType, string? amount = null, string secureCode = Gateway.SecureCode, string terminal = Gateway.CardTerminal)
    {
        var form = new Dictionary<string, string>
        {
            ["account"] = Gateway.Account,
            ["terminal"] = terminal,
            ["payment_id"] = paymentId,
            ["payment_authType"] = authType,
        };
        var signed = Gateway.Account + terminal + paymentId + authType;
        if (authType == "1")
        {
            signed += amount ?? "";
        }

        if (amount is not null)
        {
            form["order_amount"] = amount;
        }

        form["signValue"] = Gateway.Sha256(signed + secureCode).ToLowerInvariant();
        return await client.PayAsync(AuthPath, form);
    }

    public static Dictionary<string, string> RefundForm(string paymentId, string refundType, string amount, string description = "Customer request", string secureCode = Gateway.SecureCode, string terminal = Gateway.CardTerminal) => new()
    {
        ["account"] = Gateway.Account,
        ["terminal"] = terminal,
        ["payment_id"] = paymentId,
        ["refund_type"] = refundType,
        ["refund_amount"] = amount,
        ["refund_description"] = description,
        ["signValue"] = Gateway.Sha256(Gateway.Account + terminal + paymentId + refundType + amount + description + secureCode),
    };

    public static async Task<XElement> ApplyRefundAsync(this HttpClient client, string paymentId, string refundType, string amount, string secureCode = Gateway.SecureCode) =>
        await client.PayAsync(ApplyRefundPath, RefundForm(paymentId, refundType, amount, secureCode: secureCode));

    public static async Task<XElement> QueryRefundAsync(this HttpClient client, string refundId, string secureCode = Gateway.SecureCode, string terminal = Gateway.CardTerminal)
    {
        var form = new Dictionary<string, string>
        {
            ["account"] = Gateway.Account,
            ["terminal"] = terminal,
            ["refund_id"] = refundId,
            ["signValue"] = Gateway.Sha256(Gateway.Account + terminal + refundId + secureCode),
        };
        return await client.PayAsync(QueryRefundPath, form);
    }

    /// <summary>Polls queryRefund until refund_status leaves <c>-1</c>; returns the refundInfo block.</summary>
    public static async Task<XElement> WaitForRefundSettledAsync(this HttpClient client, string refundId) =>
        (await Poll.UntilAsync(
            () => client.QueryRefundAsync(refundId),
            answer => answer.Element("refundInfo")?.Value("refund_status") is "1" or "0",
            $"refund {refundId} settled")).Element("refundInfo")!;

    public static async Task<HttpResponseMessage> PostBusinessNoticeAsync(this HttpClient client, string paymentId, object request) =>
        await client.PostAsJsonAsync($"/sandbox/payments/{paymentId}/business-notices", request);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
