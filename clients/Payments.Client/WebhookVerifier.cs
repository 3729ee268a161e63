using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Client;

/// <summary>
/// Checks a webhook from the Payments app as Standard Webhooks define it: the <c>webhook-signature</c>
/// header holds one or more <c>v1,&lt;base64 HMAC-SHA256&gt;</c> entries (two while a secret is rotated),
/// each over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the bytes the endpoint's
/// <c>whsec_&lt;base64&gt;</c> secret encodes (base64-decoded, not the text). The timestamp must be within
/// <see cref="Tolerance"/> of now, so an old delivery cannot be replayed. Verify the raw body bytes as
/// received, before parsing them; then drop a repeat by its <c>webhook-id</c>.
/// </summary>
public sealed class WebhookVerifier
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    private const string Prefix = "whsec_";
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <param name="secret">The endpoint's secret, <c>whsec_</c> followed by base64.</param>
    public WebhookVerifier(string secret, TimeSpan? tolerance = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("A webhook secret starts with whsec_.", nameof(secret));
        }

        try
        {
            _key = Convert.FromBase64String(secret[Prefix.Length..]);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("After whsec_ a webhook secret is base64.", nameof(secret), ex);
        }

        if (_key.Length < 24)
        {
            throw new ArgumentException("A webhook secret holds at least 24 bytes.", nameof(secret));
        }

        Tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        _time = time ?? TimeProvider.System;
    }

    public TimeSpan Tolerance { get; }

    /// <summary>True only when the headers are well-formed, the timestamp is recent and one signature matches.</summary>
    public bool Verify(string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 200 || string.IsNullOrEmpty(signature) || signature.Length > 1000
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 253_402_300_799
            || (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var signed = new byte[Encoding.UTF8.GetByteCount(id) + timestamp!.Length + 2 + body.Length];
        var at = Encoding.UTF8.GetBytes(id, signed);
        signed[at++] = (byte)'.';
        at += Encoding.ASCII.GetBytes(timestamp, signed.AsSpan(at));
        signed[at++] = (byte)'.';
        body.CopyTo(signed.AsSpan(at));
        var expected = HMACSHA256.HashData(_key, signed);

        var matched = false;
        Span<byte> given = stackalloc byte[64];
        foreach (var entry in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Every entry is checked (no early exit), each in constant time.
            if (entry.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(entry[3..], given, out var written)
                && written == expected.Length)
            {
                matched |= CryptographicOperations.FixedTimeEquals(given[..written], expected);
            }
        }

        return matched;
    }
}
