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

    // A signed string of a received kind is at most about 1.1 KB (its shapes cap it); most are
    // under 200 bytes. Longer strings (outbound kinds, whose values are not capped here) move to a
    // pooled buffer.
    private const int StackBytes = 1024;

    // Encodes each value straight into one UTF-8 buffer on the stack and hashes it: no string, no
    // char copy, and no copy of the secure code left on the heap (every buffer is cleared).
    private static void Hash(SignatureKind kind, Func<string, string?> valueOf, SecureCode secureCode, bool includeBackUrl, Span<byte> destination)
    {
        var buffer = new SignedBytes(stackalloc byte[StackBytes]);
        try
        {
            foreach (var field in SignedFields.For(kind, includeBackUrl))
            {
                buffer.Append(valueOf(field));
            }

            buffer.Append(secureCode.Value);
            SHA256.HashData(buffer.Written, destination);
        }
        finally
        {
            buffer.Clear();
        }
    }

    private ref struct SignedBytes(Span<byte> initial)
    {
        private Span<byte> _buffer = initial;
        private byte[]? _rented;
        private int _length;

        public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

        public void Append(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            var most = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (_length + most > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + most));
                Written.CopyTo(larger);
                Clear();
                _buffer = larger;
                _rented = larger;
            }

            _length += Encoding.UTF8.GetBytes(value, _buffer[_length..]);
        }

        // Zeroes what was written (the secure code among it) and returns a pooled buffer.
        public void Clear()
        {
            CryptographicOperations.ZeroMemory(_buffer[.._length]);
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
                _rented = null;
            }
        }
    }
}
