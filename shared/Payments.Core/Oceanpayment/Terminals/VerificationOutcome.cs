namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>The answer to "may this message change anything?".</summary>
public enum VerificationOutcome
{
    /// <summary>Signed with the secure code of the configured terminal it names.</summary>
    Verified,

    /// <summary>The account or terminal is malformed or not configured: nothing to verify against.</summary>
    UnknownTerminal,

    /// <summary>The signature is missing, malformed or does not match.</summary>
    InvalidSignature,
}
