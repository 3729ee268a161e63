namespace Payments.Core.Application;

/// <summary>
/// Failure texts for shoppers. The gateway's own text is unsigned in places and written for
/// merchants, so known codes get a plain message and the rest a generic one.
/// </summary>
public static class ShopperMessages
{
    public static string For(string code, string gatewayText) => code switch
    {
        "80022" => "Your card was declined: insufficient funds. Please use another card.",
        "80090" or "80091" or "80093" => "Card authentication (3-D Secure) was not completed. Please try again.",
        "80101" => "The payment was cancelled.",
        "10000" => "The payment was declined. Please use another payment method.",
        "not_found" => "The payment did not go through and you were not charged. Please try again.",
        _ when code.StartsWith("200", StringComparison.Ordinal) => "The payment could not be processed. Please check your details and try again.",
        _ => "The payment was declined. Please try again or use another payment method.",
    };
}
