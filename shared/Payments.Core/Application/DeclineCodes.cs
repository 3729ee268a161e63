namespace Payments.Core.Application;

/// <summary>
/// The decline code a payment's failure shows beside the gateway's raw code: a small fixed set a merchant
/// can branch on without knowing Oceanpayment's numbers. The table below is the one mapping; docs/errors.md
/// lists it. The protocol reference names no code for an expired card, a wrong CVC or "do not honor", so
/// those are not offered: a gateway code with no row here is a <see cref="GenericDecline"/>.
/// </summary>
public static class DeclineCodes
{
    /// <summary>80022: the card has not enough funds.</summary>
    public const string InsufficientFunds = "insufficient_funds";

    /// <summary>80090, 80091, 80093: 3-D Secure could not start, failed, or was not completed.</summary>
    public const string AuthenticationFailed = "authentication_failed";

    /// <summary>10000: refused by the gateway's risk rules.</summary>
    public const string FraudSuspected = "fraud_suspected";

    /// <summary>80101: the shopper cancelled (at the wallet or the 3-D Secure page); not a bank decline.</summary>
    public const string CustomerCanceled = "customer_canceled";

    /// <summary>The request did not reach a decision by the issuer: the gateway refused its fields or
    /// signature (20001-20055, 20061), left it unfinished (80031, 80100, 80700), or has no record of it.</summary>
    public const string ProcessingError = "processing_error";

    /// <summary>Any other failure, 89999 included.</summary>
    public const string GenericDecline = "generic_decline";

    /// <summary>Every decline code, in the order docs/errors.md lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [InsufficientFunds, AuthenticationFailed, FraudSuspected, CustomerCanceled, ProcessingError, GenericDecline];

    /// <summary>The decline code of a failed payment's failure code (the gateway's <c>payment_details</c> code,
    /// or the project's <c>not_found</c> / <c>review_failed</c>).</summary>
    public static string For(string? failureCode) => failureCode switch
    {
        "80022" => InsufficientFunds,
        "80090" or "80091" or "80093" => AuthenticationFailed,
        "10000" => FraudSuspected,
        "80101" => CustomerCanceled,
        "80031" or "80100" or "80700" or "not_found" => ProcessingError,
        _ when IsRequestError(failureCode) => ProcessingError,
        _ => GenericDecline,
    };

    // 20001-20055: request validation errors (20013, a bad signature, among them); 20061: duplicate order number.
    private static bool IsRequestError(string? code)
        => code is { Length: 5 } && int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number is (>= 20001 and <= 20055) or 20061;
}
