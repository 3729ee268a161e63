using Microsoft.AspNetCore.Mvc;
using Payments.Functions.Api;

namespace Payments.Functions.Operators;

/// <summary>The outcome of checking a request for an operator, and the person when someone is signed in.</summary>
public sealed record OperatorCheck(OperatorOutcome Outcome, OperatorIdentity? Identity, string RequiredRole)
{
    public bool IsAuthorised => Outcome == OperatorOutcome.Authorised;

    /// <summary>The 401 or 403 problem details for a refused request; null when authorised.</summary>
    public IActionResult? Refusal() => Outcome switch
    {
        OperatorOutcome.NotSignedIn => ApiResults.Problem(ErrorCode.OperatorSignInRequired, "Operator endpoints need a Microsoft Entra ID sign-in (/.auth/login/aad)."),
        OperatorOutcome.MissingRole => ApiResults.Problem(ErrorCode.OperatorRoleRequired, $"Signed in, but without the app role {RequiredRole}. Ask for it to be assigned in the app registration."),
        _ => null,
    };
}
