using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Core.Webhooks;

/// <summary>
/// The Standard Webhooks <c>v1</c> signature: base64 of HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the decoded part of a <c>whsec_</c> secret.
/// The body is signed as the exact bytes sent, never re-encoded. Several signatures (a secret being
/// rotated) are joined by a space in one <c>webhook-signature</c> header.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>One <c>v1,&lt;base64&gt;</c> signature.</summary>
    public static string Sign(string webhookId, long unixSeconds, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        if (key.IsEmpty)
        {
            throw new ArgumentException("The signing key is empty.", nameof(key));
        }

        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{webhookId}.{unixSeconds}."));
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>The <c>webhook-signature</c> header value: one signature per key, space-separated, in key order.</summary>
    public static string Header(string webhookId, long unixSeconds, ReadOnlySpan<byte> body, IReadOnlyList<WebhookSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("At least one secret is needed to sign.", nameof(secrets));
        }

        var parts = new string[secrets.Count];
        for (var i = 0; i < secrets.Count; i++)
        {
            parts[i] = Sign(webhookId, unixSeconds, body, secrets[i].Key.Span);
        }

        return string.Join(' ', parts);
    }
}
