namespace Payments.Core.Oceanpayment.Signing;

/// <summary>
/// A terminal's secure code (the signing secret). It cannot be empty, and it never prints itself:
/// <see cref="ToString"/> is masked so a stray log line or exception cannot carry it.
/// </summary>
public sealed class SecureCode
{
    private SecureCode(string value) => Value = value;

    /// <summary>The secret itself; read it only to compute a signature.</summary>
    internal string Value { get; }

    /// <summary>Wraps a secret, refusing an empty or blank one.</summary>
    public static SecureCode From(string? value)
        => string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("A secure code cannot be empty.", nameof(value))
            : new SecureCode(value);

    /// <summary>True when both wrap the same secret (used to notice a rotated secret).</summary>
    public bool SameAs(SecureCode other)
        => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(Value), System.Text.Encoding.UTF8.GetBytes(other.Value));

    public override string ToString() => "***";
}
