namespace Payments.Core.Oceanpayment.Requests;

/// <summary>Card number checks and masking.</summary>
public static class CardNumbers
{
    /// <summary>12-19 digits passing the Luhn check.</summary>
    public static bool IsValid(string? number)
    {
        if (number is null || number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            var digit = number[i] - '0';
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

    /// <summary>First 6 + <c>****</c> + last 4, as the gateway shows cards; anything short is fully masked.</summary>
    public static string Mask(string? number)
        => number is { Length: >= 12 } && number.All(char.IsAsciiDigit)
            ? string.Concat(number.AsSpan(0, 6), "****", number.AsSpan(number.Length - 4))
            : "****";
}
