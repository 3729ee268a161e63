using Payments.Core.Amounts;

namespace Payments.Core.Oceanpayment.Signing;

/// <summary>
/// The shape of each field the gateway signs. A signature covers values glued together without
/// separators, so it cannot tell <c>"2" + "0"</c> from <c>"20" + ""</c>: only the shapes can. They are
/// chosen so that each signed string of a received kind splits into fields in exactly one way
/// (proved by the re-split tests), and <see cref="SignedFields"/> checks them before any hash.
/// </summary>
public static class FieldShapes
{
    /// <summary>The longest free text accepted in a signed field (<c>payment_details</c>, <c>push_details</c>, notes).</summary>
    public const int MaxTextLength = 500;

    /// <summary>Length of the gateway's payment and push ids (protocol reference §6, vectors S3, S7).</summary>
    public const int GatewayIdLength = 21;

    /// <summary>Merchant account: exactly 6 digits.</summary>
    public static bool IsAccount(string? value) => value is { Length: 6 } && IsDigits(value);

    /// <summary>Terminal: 8 to 12 digits. That no configured terminal is a prefix of another keeps the
    /// terminal / order-number boundary unique (checked when the terminals are configured).</summary>
    public static bool IsTerminal(string? value) => value is { Length: >= 8 and <= 12 } && IsDigits(value);

    /// <summary>
    /// This product's order numbers: 1 to 50 of <c>A-Z a-z 0-9 - _</c>. No dot: the first dot of a
    /// result's signed string is then always the amount's, which fixes the order number, currency and
    /// amount boundaries.
    /// </summary>
    public static bool IsOrderNumber(string? value)
        => value is { Length: >= 1 and <= 50 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>An active ISO 4217 code.</summary>
    public static bool IsCurrency(string? value) => Currency.IsActive(value);

    /// <summary>The gateway's amount in answers: digits, a dot, exactly two decimals, no leading zero
    /// (<c>0.01</c>, <c>205.00</c>, JPY <c>615.00</c>), at most 10 characters, never zero.</summary>
    public static bool IsGatewayAmount(string? value)
    {
        if (value is not { Length: >= 4 and <= 10 } || value[^3] != '.')
        {
            return false;
        }

        var whole = value.AsSpan(0, value.Length - 3);
        var fraction = value.AsSpan(value.Length - 2);
        return IsDigits(whole) && IsDigits(fraction) && (whole.Length == 1 || whole[0] != '0')
            && (whole.ContainsAnyExcept('0') || fraction.ContainsAnyExcept('0'));
    }

    /// <summary>The gateway's masked card number (first 6, one to nine <c>*</c>, last 4), or empty
    /// for methods without a card.</summary>
    public static bool IsMaskedCardOrEmpty(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (value.Length is < 11 or > 19)
        {
            return false;
        }

        var stars = value.AsSpan(6, value.Length - 10);
        return IsDigits(value.AsSpan(0, 6)) && IsDigits(value.AsSpan(value.Length - 4)) && !stars.ContainsAnyExcept('*');
    }

    /// <summary>A gateway payment or push id: exactly 21 digits.</summary>
    public static bool IsGatewayId(string? value) => value is { Length: GatewayIdLength } && IsDigits(value);

    /// <summary>A gateway payment id, or empty (a request the gateway refused before creating a payment).</summary>
    public static bool IsGatewayIdOrEmpty(string? value) => string.IsNullOrEmpty(value) || IsGatewayId(value);

    /// <summary><c>payment_authType</c>: exactly one of <c>0 1 2 3</c>.</summary>
    public static bool IsAuthType(string? value) => value is ['0' or '1' or '2' or '3'];

    /// <summary><c>payment_status</c>: exactly <c>-1</c>, <c>0</c> or <c>1</c>.</summary>
    public static bool IsPaymentStatus(string? value) => value is "-1" or "0" or "1";

    /// <summary><c>payment_details</c>: five digits, a colon and text (<c>80091:Cardholder failed 3D
    /// Secure authentication</c>), or empty (a pending result).</summary>
    public static bool IsPaymentDetailsOrEmpty(string? value)
        => string.IsNullOrEmpty(value)
            || (value.Length is >= 6 and <= MaxTextLength && IsDigits(value.AsSpan(0, 5)) && value[5] == ':' && IsText(value.AsSpan(6)));

    /// <summary><c>payment_risk</c>: empty. It has never been seen filled, and it follows the free text
    /// of <c>payment_details</c>: allowing text here would let characters move between the two.</summary>
    public static bool IsRisk(string? value) => string.IsNullOrEmpty(value);

    /// <summary><c>push_status</c> of a business notice: exactly <c>0</c>, <c>1</c> or <c>2</c>.</summary>
    public static bool IsPushStatus(string? value) => value is ['0' or '1' or '2'];

    /// <summary>Free text: at most <see cref="MaxTextLength"/> characters, no control characters.</summary>
    public static bool IsTextOrEmpty(string? value) => value is null || (value.Length <= MaxTextLength && IsText(value));

    private static bool IsText(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> value) => value.Length > 0 && !value.ContainsAnyExceptInRange('0', '9');
}
