namespace Payments.DemoShop;

/// <summary>Settings of the demo shop (section <c>DemoShop</c>). Development values only.</summary>
public sealed class DemoShopOptions
{
    public const string SectionName = "DemoShop";

    /// <summary>Where the function app listens; the shop creates payments and proxies the page's calls there.</summary>
    public Uri FunctionAppBaseUrl { get; set; } = new("http://127.0.0.1:7071/");

    /// <summary>The function key the shop server sends on <c>POST /api/payments</c>. Never sent to the browser.</summary>
    public string FunctionKey { get; set; } = "local-function-key";

    /// <summary>The Oceanpayment sandbox, for the "simulate the customer paying" button.</summary>
    public Uri SandboxBaseUrl { get; set; } = new("http://127.0.0.1:7072/");

    /// <summary>Origin of the result page sent as <c>returnUrl</c>; empty means the origin the shopper's request came to.
    /// It must be listed in the function app's <c>Payments:AllowedReturnOrigins</c>.</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// The secret of the shop's webhook endpoint (<c>whsec_</c> + base64 key), the same value the function
    /// app has as <c>Webhooks:Endpoints:N:Secret</c> for <c>/shop/webhooks</c>. A development value.
    /// </summary>
    public string WebhookSecret { get; set; } = DevelopmentWebhookSecret;

    public const string DevelopmentWebhookSecret = "whsec_ZGVtby1zaG9wLXdlYmhvb2stc2VjcmV0LTMyYnl0ZXM=";

    /// <summary>Currency of every demo order.</summary>
    public string Currency { get; set; } = "USD";
}
