using System.Security.Cryptography;
using System.Text;

namespace Payments.Core.Tests.Webhooks;

/// <summary>
/// A receiver's check written from the Standard Webhooks text and RFC 2104, sharing no code with the
/// app: HMAC built by hand from SHA-256 (not HMACSHA256), the signed content assembled as bytes here.
/// </summary>
internal static class ReferenceWebhookVerifier
{
    private const int BlockSize = 64;

    public static byte[] Hmac(byte[] key, byte[] message)
    {
        if (key.Length > BlockSize)
        {
            key = SHA256.HashData(key);
        }

        var inner = new byte[BlockSize + message.Length];
        var outer = new byte[BlockSize + 32];
        for (var i = 0; i < BlockSize; i++)
        {
            var k = i < key.Length ? key[i] : (byte)0;
            inner[i] = (byte)(k ^ 0x36);
            outer[i] = (byte)(k ^ 0x5c);
        }

        message.CopyTo(inner, BlockSize);
        SHA256.HashData(inner).CopyTo(outer, BlockSize);
        return SHA256.HashData(outer);
    }

    /// <summary>The expected <c>v1,...</c> value for one <c>whsec_</c> secret.</summary>
    public static string Expected(string whsec, string id, string timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(whsec["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes(id + "." + timestamp + ".").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(Hmac(key, content));
    }

    /// <summary>True when any space-separated <c>v1,</c> signature of the header matches the secret.</summary>
    public static bool Verifies(string whsec, string id, string timestamp, byte[] body, string header)
    {
        var expected = Encoding.ASCII.GetBytes(Expected(whsec, id, timestamp, body));
        return header.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    public static string NewSecret(int bytes = 32) => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
}
