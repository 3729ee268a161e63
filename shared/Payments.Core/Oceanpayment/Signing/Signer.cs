using System.Security.Cryptography;
using System.Text;

namespace Payments.Core.Oceanpayment.Signing;

/// <summary>
/// Oceanpayment signatures: SHA-256 over the UTF-8 bytes of the field values concatenated in the
/// order of <see cref="SignedFields"/>, followed by the secure code. Produces lowercase hex;
/// verifies case-insensitively in constant time.
/// </summary>
public static class Signer
{
    /// <summary>Length of a signature in hex characters.</summary>
    public const int HexLength = SHA256.HashSizeInBytes * 2;

    /// <summary>Concatenates the signed field values (a missing field contributes the empty string).</summary>
    public static string SignedString(SignatureKind kind, Func<string, string?> valueOf, bool includeBackUrl = false)
    {
        var builder = new StringBuilder(256);
        foreach (var field in SignedFields.For(kind, includeBackUrl))
        {
            builder.Append(valueOf(field));
        }

        return builder.ToString();
    }

    /// <summary>The signed string as a person may see it: the values, then the secure code masked.</summary>
    public static string DescribeSignedString(SignatureKind kind, Func<string, string?> valueOf, bool includeBackUrl = false)
        => SignedString(kind, valueOf, includeBackUrl) + "<secureCode>";

    /// <summary>Signs a message: lowercase hex SHA-256.</summary>
    public static string Sign(SignatureKind kind, Func<string, string?> valueOf, SecureCode secureCode, bool includeBackUrl = false)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(kind, valueOf, secureCode, includeBackUrl, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Checks a received signature against the values exactly as received. Case-insensitive,
    /// constant-time over the decoded bytes; malformed or wrong-length hex is simply invalid.
    /// </summary>
    public static bool Verify(SignatureKind kind, Func<string, string?> valueOf, string? signature, SecureCode secureCode, bool includeBackUrl = false)
    {
        if (signature is null || signature.Length != HexLength)
        {
            return false;
        }

        Span<byte> received = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(signature, received, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != received.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(kind, valueOf, secureCode, includeBackUrl, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    private static void Hash(SignatureKind kind, Func<string, string?> valueOf, SecureCode secureCode, bool includeBackUrl, Span<byte> destination)
    {
        var text = string.Concat(SignedString(kind, valueOf, includeBackUrl), secureCode.Value);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            SHA256.HashData(rented.AsSpan(0, length), destination);
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
