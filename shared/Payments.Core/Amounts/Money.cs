using System.Globalization;

namespace Payments.Core.Amounts;

/// <summary>An amount in integer minor units of a currency. Decimal text exists only at the gateway edge.</summary>
public readonly record struct Money(long MinorUnits, Currency Currency)
{
    /// <summary>The gateway accepts at most this many decimals in <c>order_amount</c>.</summary>
    public const int GatewayMaxDecimals = 2;

    /// <summary>The gateway caps <c>order_amount</c> at 10 characters.</summary>
    public const int GatewayMaxLength = 10;

    /// <summary>
    /// Formats the amount as Oceanpayment's <c>order_amount</c>: invariant culture, a dot, no
    /// grouping, the currency's decimals trimmed to at most two. Fails for zero or negative amounts,
    /// for amounts that need a third decimal, and for amounts longer than 10 characters.
    /// </summary>
    public bool TryFormatForGateway(out string formatted, out string? error)
    {
        formatted = string.Empty;
        if (MinorUnits <= 0)
        {
            error = "The amount must be greater than zero.";
            return false;
        }

        var exponent = Currency.Exponent;
        var value = MinorUnits;
        // Currencies with three or four decimals are sent with two: only amounts that end in zeros fit.
        while (exponent > GatewayMaxDecimals)
        {
            if (value % 10 != 0)
            {
                error = $"{Currency.Code} amounts must be a multiple of {Pow10(Currency.Exponent - GatewayMaxDecimals)} minor units: the gateway takes at most two decimals.";
                return false;
            }

            value /= 10;
            exponent--;
        }

        var whole = value / Pow10(exponent);
        var fraction = value % Pow10(exponent);
        formatted = exponent == 0
            ? whole.ToString(CultureInfo.InvariantCulture)
            : string.Concat(
                whole.ToString(CultureInfo.InvariantCulture),
                ".",
                fraction.ToString(CultureInfo.InvariantCulture).PadLeft(exponent, '0'));
        if (formatted.Length > GatewayMaxLength)
        {
            formatted = string.Empty;
            error = "The amount is too large for the gateway (at most 10 characters).";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Formats for the gateway or throws <see cref="ArgumentException"/> with the reason.</summary>
    public string ToGatewayAmount()
        => TryFormatForGateway(out var formatted, out var error) ? formatted : throw new ArgumentException(error);

    /// <summary>
    /// Formats the amount as a refund's <c>refund_amount</c>: like <see cref="TryFormatForGateway"/>,
    /// but always with exactly two decimals (<c>615.00</c> for JPY 615), as applyRefund asks.
    /// </summary>
    public bool TryFormatForRefund(out string formatted, out string? error)
    {
        if (!TryFormatForGateway(out formatted, out error))
        {
            return false;
        }

        var dot = formatted.IndexOf('.', StringComparison.Ordinal);
        formatted = dot < 0 ? formatted + ".00" : formatted.PadRight(dot + 1 + GatewayMaxDecimals, '0');
        if (formatted.Length > GatewayMaxLength)
        {
            formatted = string.Empty;
            error = "The amount is too large for the gateway (at most 10 characters).";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses a decimal amount as text (<c>10.5</c>, <c>205.00</c>, <c>615</c>) in the given currency.
    /// Accepts more decimals than the currency has only when the extra digits are zeros (the gateway
    /// writes JPY 615 as <c>615.00</c>). No signs, exponents, spaces or grouping.
    /// </summary>
    public static bool TryParseDecimal(string? text, Currency currency, out Money money)
    {
        money = default;
        if (string.IsNullOrEmpty(text) || text.Length > 20)
        {
            return false;
        }

        var dot = text.IndexOf('.');
        var wholePart = dot < 0 ? text : text[..dot];
        var fractionPart = dot < 0 ? string.Empty : text[(dot + 1)..];
        if (wholePart.Length == 0 || !wholePart.All(char.IsAsciiDigit) || !fractionPart.All(char.IsAsciiDigit)
            || (dot >= 0 && fractionPart.Length == 0))
        {
            return false;
        }

        if (fractionPart.Length > currency.Exponent)
        {
            if (fractionPart.AsSpan(currency.Exponent).ContainsAnyExcept('0'))
            {
                return false;
            }

            fractionPart = fractionPart[..currency.Exponent];
        }

        fractionPart = fractionPart.PadRight(currency.Exponent, '0');
        if (!long.TryParse(wholePart + fractionPart, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        money = new Money(minor, currency);
        return true;
    }

    public override string ToString()
        => TryFormatForGateway(out var text, out _) ? $"{text} {Currency.Code}" : $"{MinorUnits} minor units of {Currency.Code}";

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
