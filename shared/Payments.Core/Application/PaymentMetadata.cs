using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Application;

/// <summary>
/// The merchant's own key-value notes on a payment (order references, customer ids). Stored and shown
/// back, never sent to the gateway. No card data: a key or value that looks like a card number is
/// refused, and no error repeats a refused value (it may be one).
/// </summary>
public static class PaymentMetadata
{
    public const int MaxKeys = 20;

    public const int MaxKeyLength = 40;

    public const int MaxValueLength = 500;

    /// <summary>The API field of the notes every reader of the payment sees, the shopper's page included.</summary>
    public const string Shared = "metadata";

    /// <summary>The API field of the notes only the merchant's server, webhooks and operators see.</summary>
    public const string Private = "privateMetadata";

    /// <summary>The field errors of the given notes, keyed <paramref name="field"/> or <c>&lt;field&gt;.&lt;key&gt;</c>; none when absent.</summary>
    public static List<FieldError> Validate(IReadOnlyDictionary<string, string?>? metadata, string field = Shared)
    {
        var errors = new List<FieldError>();
        if (metadata is null)
        {
            return errors;
        }

        if (metadata.Count > MaxKeys)
        {
            errors.Add(new FieldError(field, $"Give at most {MaxKeys} keys."));
        }

        foreach (var (key, value) in metadata)
        {
            // A refused key is not echoed in the field name: it could be anything, a card number included.
            if (!IsKey(key))
            {
                errors.Add(new FieldError(field, $"Keys are 1 to {MaxKeyLength} letters, digits, '_', '-' or '.'."));
                continue;
            }

            if (CardNumbers.ContainsCardNumber(key))
            {
                errors.Add(new FieldError(field, "A key looks like a card number; card data may not be stored in metadata."));
                continue;
            }

            var named = field + "." + key;
            if (value is null)
            {
                errors.Add(new FieldError(named, "Values are strings."));
            }
            else if (value.Length > MaxValueLength)
            {
                errors.Add(new FieldError(named, $"Values have at most {MaxValueLength} characters."));
            }
            else if (value.Any(char.IsControl))
            {
                errors.Add(new FieldError(named, "Values may not contain control characters."));
            }
            else if (CardNumbers.ContainsCardNumber(value))
            {
                errors.Add(new FieldError(named, "The value looks like a card number; card data may not be stored in metadata."));
            }
        }

        return errors;
    }

    private static bool IsKey(string key)
        => key is { Length: >= 1 and <= MaxKeyLength } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
