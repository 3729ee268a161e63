using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>Where secure codes come from (Key Vault in Azure, local settings in development).</summary>
public interface ISecureCodeSource
{
    /// <summary>
    /// The secure code of a configured terminal, or null when the account or terminal is not
    /// configured. Never returns an empty code.
    /// </summary>
    /// <param name="key">The account and terminal named by the message.</param>
    /// <param name="refresh">Bypass any cache (after a signature failed to verify, in case the secret was rotated).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<SecureCode?> FindAsync(TerminalKey key, bool refresh, CancellationToken cancellationToken);
}
