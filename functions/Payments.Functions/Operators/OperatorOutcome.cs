namespace Payments.Functions.Operators;

/// <summary>What the operator check decided for one request.</summary>
public enum OperatorOutcome
{
    /// <summary>Signed in and holding the operator role.</summary>
    Authorised,

    /// <summary>No trusted sign-in on the request: 401.</summary>
    NotSignedIn,

    /// <summary>Signed in, but without the operator role: 403.</summary>
    MissingRole,
}
