namespace Payments.Core.Oceanpayment.Requests;

/// <summary>Card number checks and masking.</summary>
public static class CardNumbers
{
    /// <summary>12-19 digits passing the Luhn check.</summary>
    public static bool IsValid(string? number)
        => number is { Length: >= 12 and <= 19 } && number.All(char.IsAsciiDigit) && PassesLuhn(number);

    /// <summary>
    /// True when free text holds what looks like a card number: 13-19 digits passing the Luhn check,
    /// written together or in groups split only by spaces and dashes ("4111 1111 1111 1111"). Any span of
    /// whole neighbouring groups counts, so a number followed by more digits ("… 1111 12/25") is found.
    /// A plain run of more than 19 digits is not a card number.
    /// </summary>
    public static bool ContainsCardNumber(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = new List<char>(text.Length);
        var groupStarts = new List<int>();
        var joinsLastDigit = false; // only spaces and dashes since the last digit
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiDigit(c))
            {
                joinsLastDigit &= c is ' ' or '-';
                continue;
            }

            if (i == 0 || !char.IsAsciiDigit(text[i - 1]))
            {
                if (!joinsLastDigit)
                {
                    if (AnySpanIsCard(digits, groupStarts))
                    {
                        return true;
                    }

                    digits.Clear();
                    groupStarts.Clear();
                }

                groupStarts.Add(digits.Count);
            }

            digits.Add(c);
            joinsLastDigit = true;
        }

        return AnySpanIsCard(digits, groupStarts);
    }

    /// <summary>First 6 + <c>****</c> + last 4, as the gateway shows cards; anything short is fully masked.</summary>
    public static string Mask(string? number)
        => number is { Length: >= 12 } && number.All(char.IsAsciiDigit)
            ? string.Concat(number.AsSpan(0, 6), "****", number.AsSpan(number.Length - 4))
            : "****";

    private static bool AnySpanIsCard(List<char> digits, List<int> groupStarts)
    {
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(digits);
        for (var first = 0; first < groupStarts.Count; first++)
        {
            for (var last = first; last < groupStarts.Count; last++)
            {
                var end = last + 1 < groupStarts.Count ? groupStarts[last + 1] : digits.Count;
                var span = all[groupStarts[first]..end];
                if (span.Length > 19)
                {
                    break;
                }

                if (span.Length >= 13 && PassesLuhn(span))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
