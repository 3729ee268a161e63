using System.Globalization;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Events;

/// <summary>
/// An event's id names where it is stored: <c>evt_&lt;order number&gt;.&lt;sequence&gt;</c>. Order numbers
/// never hold a dot, so the last dot splits the two, and a lookup by id is one point read.
/// </summary>
public static class EventIds
{
    private const string Prefix = "evt_";

    public static string Format(string orderNumber, long sequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderNumber);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{orderNumber}.{sequence}");
    }

    /// <summary>False for anything that is not exactly an id this app issues.</summary>
    public static bool TryParse(string? id, out string orderNumber, out long sequence)
    {
        orderNumber = string.Empty;
        sequence = 0;
        if (id is null || !id.StartsWith(Prefix, StringComparison.Ordinal) || id.Length > 80)
        {
            return false;
        }

        var dot = id.LastIndexOf('.');
        if (dot <= Prefix.Length)
        {
            return false;
        }

        var order = id[Prefix.Length..dot];
        var digits = id[(dot + 1)..];
        if (!FieldShapes.IsOrderNumber(order)
            || digits.Length is 0 or > 12
            || digits[0] == '0'
            || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        orderNumber = order;
        sequence = parsed;
        return true;
    }
}
