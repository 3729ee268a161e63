using System.Buffers;
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
        if (Convert.FromHexString(signature, received, out _, out var written) != OperationStatus.Done
            || written != received.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(kind, valueOf, secureCode, includeBackUrl, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    // Concatenates into pooled buffers rather than strings, so no copy of the secure code is left
    // on the heap: both buffers are cleared before they go back to the pool.
    private static void Hash(SignatureKind kind, Func<string, string?> valueOf, SecureCode secureCode, bool includeBackUrl, Span<byte> destination)
    {
        var chars = ArrayPool<char>.Shared.Rent(512);
        var length = 0;
        try
        {
            foreach (var field in SignedFields.For(kind, includeBackUrl))
            {
                Append(ref chars, ref length, valueOf(field));
            }

            Append(ref chars, ref length, secureCode.Value);
            var text = chars.AsSpan(0, length);
            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
            var written = 0;
            try
            {
                written = Encoding.UTF8.GetBytes(text, bytes);
                SHA256.HashData(bytes.AsSpan(0, written), destination);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes.AsSpan(0, written));
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
        finally
        {
            chars.AsSpan(0, length).Clear();
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static void Append(ref char[] buffer, ref int length, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (length + value.Length > buffer.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(buffer.Length * 2, length + value.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            buffer.AsSpan(0, length).Clear();
            ArrayPool<char>.Shared.Return(buffer);
            buffer = larger;
        }

        value.CopyTo(buffer.AsSpan(length));
        length += value.Length;
    }
}
