using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Functions.Api;
using Payments.Functions.Operators;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/operator/whoami</c>: who the operator sign-in says the caller is. 200 with the name and
/// roles for an operator, 401 when nobody is signed in, 403 when signed in without the operator role.
/// Anonymous at the Functions level: App Service Authentication stands in front of it in Azure.
/// </summary>
public sealed class OperatorWhoAmIFunction(OperatorAuthorizer operators)
{
    [Function("OperatorWhoAmI")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/whoami")] HttpRequest request)
    {
        var check = operators.Check(request);
        return check.Refusal() ?? ApiResults.Ok(OperatorView.From(check.Identity!));
    }
}

/// <summary>The signed-in operator.</summary>
public sealed record OperatorView(string Name, IReadOnlyList<string> Roles, string SignIn)
{
    public static OperatorView From(OperatorIdentity identity)
        => new(identity.Name, identity.Roles, identity.SignIn == OperatorSignIn.Platform ? "entra" : "development");
}
