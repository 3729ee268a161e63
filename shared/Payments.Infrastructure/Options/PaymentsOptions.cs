namespace Payments.Infrastructure.Options;

/// <summary>The <c>Payments</c> section: this app's public address and where shoppers may return to.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>The public base URL of the function app (for <c>backUrl</c> and <c>noticeUrl</c>).</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>Origins (<c>scheme://host[:port]</c>) of merchant pages the shopper may be sent back to.</summary>
    public List<string> AllowedReturnOrigins { get; set; } = [];
}
