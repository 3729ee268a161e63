namespace Payments.Core.Payments;

/// <summary>What the shopper must do next, while the payment is still actionable.</summary>
public sealed record NextAction
{
    /// <summary><c>redirect</c>, <c>qr_code</c> or <c>sdk</c>.</summary>
    public required string Type { get; init; }

    /// <summary>For <c>redirect</c>: the gateway's <c>pay_url</c>.</summary>
    public string? RedirectUrl { get; init; }

    /// <summary>For <c>qr_code</c>: the <c>pay_barCode</c> content.</summary>
    public string? QrContent { get; init; }

    /// <summary>For <c>sdk</c>: the parameters the mini program or app hands to the wallet.</summary>
    public IReadOnlyDictionary<string, string>? SdkParameters { get; init; }

    public const string Redirect = "redirect";
    public const string QrCode = "qr_code";
    public const string Sdk = "sdk";

    public static NextAction? From(GatewayFacts facts)
    {
        if (facts.PayUrl.Length > 0)
        {
            return new NextAction { Type = Redirect, RedirectUrl = facts.PayUrl };
        }

        if (facts.PayBarCode.Length > 0)
        {
            return new NextAction { Type = QrCode, QrContent = facts.PayBarCode };
        }

        return facts.SdkParameters.Count > 0 ? new NextAction { Type = Sdk, SdkParameters = facts.SdkParameters } : null;
    }
}
