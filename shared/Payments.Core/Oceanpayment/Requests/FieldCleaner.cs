namespace Payments.Core.Oceanpayment.Requests;

/// <summary>
/// Cleans the signed billing name and email fields (protocol §3.1): remove <c>&lt; &gt; ' "</c>, trim,
/// cap at 50 characters without splitting a surrogate pair. The cleaned value is what is sent and signed.
/// </summary>
public static class FieldCleaner
{
    public const int MaxLength = 50;

    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var length = 0;
        foreach (var c in value)
        {
            if (c is not ('<' or '>' or '\'' or '"'))
            {
                buffer[length++] = c;
            }
        }

        var cleaned = buffer[..length].Trim();
        if (cleaned.Length > MaxLength)
        {
            var cut = MaxLength;
            // Never keep half of a surrogate pair.
            if (char.IsHighSurrogate(cleaned[cut - 1]))
            {
                cut--;
            }

            cleaned = cleaned[..cut].TrimEnd();
        }

        return cleaned.ToString();
    }
}
