using System.Security.Cryptography;
using System.Text;

namespace Oceanpayment.Sandbox.Protocol;

/// <summary>
/// The sandbox's own Oceanpayment signer: SHA-256 over the UTF-8 bytes of the concatenated values
/// followed by the secure code. Kept independent of the product's signer on purpose.
/// </summary>
internal static class SandboxSigner
{
    public static string Sign(IEnumerable<string> valuesInOrder, string secureCode)
    {
        var builder = new StringBuilder();
        foreach (var value in valuesInOrder)
        {
            builder.Append(value);
        }

        builder.Append(secureCode);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>Case-insensitive, constant-time comparison over the decoded hash bytes.</summary>
    public static bool Verify(IEnumerable<string> valuesInOrder, string secureCode, string? signValue)
    {
        if (signValue is null || signValue.Length != 64)
        {
            return false;
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(signValue);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Convert.FromHexString(Sign(valuesInOrder, secureCode));
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }
}
