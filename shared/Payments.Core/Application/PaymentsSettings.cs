using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Application;

/// <summary>What the payment handlers need from configuration (bound and validated at start-up).</summary>
public sealed record PaymentsSettings
{
    /// <summary>The public https base of this function app, for <c>backUrl</c> and <c>noticeUrl</c>.</summary>
    public required Uri PublicBaseUrl { get; init; }

    /// <summary>The terminals (of one or more Oceanpayment accounts) and which payments each takes.</summary>
    public required TerminalRouting Routing { get; init; }

    /// <summary>Origins (scheme://host[:port]) the shopper may be sent back to.</summary>
    public required IReadOnlyList<string> AllowedReturnOrigins { get; init; }

    /// <summary>Sign <c>backUrl</c> after <c>terminal</c> in F1 (unconfirmed for S2S; default off).</summary>
    public bool SignBackUrl { get; init; }

    public const string ReturnPath = "api/oceanpayment/return";
    public const string NoticePath = "api/oceanpayment/notice";

    public string BackUrl => new Uri(PublicBaseUrl, ReturnPath).ToString();

    public string NoticeUrl => new Uri(PublicBaseUrl, NoticePath).ToString();

    /// <summary>Where the QR code image of a payment is served.</summary>
    public string QrImageUrl(string paymentId) => new Uri(PublicBaseUrl, $"api/payments/{Uri.EscapeDataString(paymentId)}/qr.png").ToString();

    /// <summary>True when the URL is absolute http(s) on one of the allowed origins.</summary>
    public bool IsAllowedReturnUrl(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.UserInfo)
            && AllowedReturnOrigins.Any(origin => string.Equals(origin.TrimEnd('/'), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
}
