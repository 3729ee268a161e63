namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>Signing a request to the gateway needs its terminal's secure code.</summary>
public static class SecureCodes
{
    /// <summary>
    /// The secure code of the terminal a stored payment or refund was sent on; throws when none is
    /// configured (the terminal was removed from configuration while payments on it are still open).
    /// </summary>
    public static async Task<Signing.SecureCode> RequireAsync(this ISecureCodeSource source, TerminalKey terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return await source.FindAsync(terminal, refresh: false, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No secure code is configured for terminal {terminal.Terminal}.");
    }
}
