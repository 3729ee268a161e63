using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>
/// Verifies a signed message from the gateway against the secure code of the account and terminal
/// the message names. An unknown terminal is rejected, never checked against an empty or default
/// code. When a signature fails, the secure code is re-read once, in case it was rotated.
/// </summary>
public sealed class MessageVerifier(ISecureCodeSource secureCodes)
{
    public async ValueTask<VerificationOutcome> VerifyAsync(SignatureKind kind, GatewayMessage message, CancellationToken cancellationToken)
    {
        var key = new TerminalKey(message["account"], message["terminal"]);
        if (!key.IsWellFormed)
        {
            return VerificationOutcome.UnknownTerminal;
        }

        var code = await secureCodes.FindAsync(key, refresh: false, cancellationToken).ConfigureAwait(false);
        if (code is null)
        {
            return VerificationOutcome.UnknownTerminal;
        }

        Func<string, string?> valueOf = name => message[name];
        if (Signer.Verify(kind, valueOf, message.SignValue, code))
        {
            return VerificationOutcome.Verified;
        }

        var refreshed = await secureCodes.FindAsync(key, refresh: true, cancellationToken).ConfigureAwait(false);
        return refreshed is not null && !refreshed.SameAs(code) && Signer.Verify(kind, valueOf, message.SignValue, refreshed)
            ? VerificationOutcome.Verified
            : VerificationOutcome.InvalidSignature;
    }
}
