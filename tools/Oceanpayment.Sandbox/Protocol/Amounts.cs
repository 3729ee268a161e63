using System.Globalization;
using System.Text.RegularExpressions;

namespace Oceanpayment.Sandbox.Protocol;

/// <summary>Amounts as the gateway writes them (two decimals) and as cents for sums and comparisons.</summary>
internal static partial class Amounts
{
    /// <summary>Cents of an amount the sandbox formatted itself (<c>0.00</c>).</summary>
    public static long ToCents(string formatted) =>
        (long)(decimal.Parse(formatted, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 100);

    public static string Format(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Exactly two decimals, greater than zero, at most 10 characters (refund_amount); null otherwise.</summary>
    public static long? TryParseTwoDecimals(string raw) =>
        raw.Length <= 10 && TwoDecimals().IsMatch(raw) && ToCents(raw) is > 0 and var cents ? cents : null;

    [GeneratedRegex(@"^[0-9]+\.[0-9]{2}$")]
    private static partial Regex TwoDecimals();
}
