namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>The answer to "may this message change anything?".</summary>
public enum VerificationOutcome
{
    /// <summary>Signed with the secure code of the configured terminal it names.</summary>
    Verified,

    /// <summary>The account or terminal is malformed or not configured: nothing to verify against.</summary>
    UnknownTerminal,

    /// <summary>A signed field is off its shape (<see cref="Signing.FieldShapes"/>), or an echoed value
    /// differs from the stored payment's: characters may have been moved between fields, so the
    /// signature proves nothing.</summary>
    OffShape,

    /// <summary>The signature is missing, malformed or does not match.</summary>
    InvalidSignature,
}
