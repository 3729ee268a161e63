using System.Diagnostics.CodeAnalysis;

namespace Payments.Core.Webhooks;

/// <summary>
/// An endpoint's signing secret, <c>whsec_&lt;base64&gt;</c> as Standard Webhooks writes it, holding a key
/// of 24 to 64 random bytes. <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinKeyBytes = 24;
    public const int MaxKeyBytes = 64;

    private WebhookSecret(byte[] key) => Key = key;

    /// <summary>The decoded key bytes the HMAC is keyed with.</summary>
    public ReadOnlyMemory<byte> Key { get; }

    /// <summary>False for anything but <c>whsec_</c> followed by the base64 of 24 to 64 bytes.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out WebhookSecret? secret)
    {
        secret = null;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length > 200)
        {
            return false;
        }

        var encoded = value[Prefix.Length..];
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written) || written is < MinKeyBytes or > MaxKeyBytes)
        {
            return false;
        }

        secret = new WebhookSecret(buffer[..written]);
        return true;
    }

    public override string ToString() => Prefix + "***";
}
