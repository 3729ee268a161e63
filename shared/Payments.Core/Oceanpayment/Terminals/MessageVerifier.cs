using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>
/// Verifies a signed message from the gateway: every signed field on its shape (and the echoed
/// values equal to <see cref="KnownValues"/> when the order is known), then the signature against the
/// secure code of the account and terminal the message names. An unknown terminal is rejected, never
/// checked against an empty or default code. When a signature fails, the secure code is re-read
/// once, in case it was rotated.
/// </summary>
public sealed class MessageVerifier(ISecureCodeSource secureCodes)
{
    public ValueTask<VerificationOutcome> VerifyAsync(SignatureKind kind, GatewayMessage message, CancellationToken cancellationToken)
        => VerifyAsync(kind, message, known: null, cancellationToken);

    public async ValueTask<VerificationOutcome> VerifyAsync(SignatureKind kind, GatewayMessage message, KnownValues? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = new TerminalKey(message["account"], message["terminal"]);
        if (!key.IsWellFormed)
        {
            return VerificationOutcome.UnknownTerminal;
        }

        if (SignedFields.FirstOffShape(kind, message.ValueOf, known) is not null)
        {
            return VerificationOutcome.OffShape;
        }

        var code = await secureCodes.FindAsync(key, refresh: false, cancellationToken).ConfigureAwait(false);
        if (code is null)
        {
            return VerificationOutcome.UnknownTerminal;
        }

        Func<string, string?> valueOf = message.ValueOf;
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
