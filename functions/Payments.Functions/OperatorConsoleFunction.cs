using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Functions.Api;
using Payments.Functions.OperatorConsole;
using Payments.Functions.Operators;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/console/</c> and its script and style sheet (operator sign-in): the operator console, a
/// page that reads and acts only through the <c>/api/operator/...</c> routes. Someone who is not an
/// operator gets a 401 or 403 page instead (in Azure, App Service Authentication sends a person who is
/// not signed in to the sign-in page first).
/// </summary>
public sealed class OperatorConsoleFunction(OperatorAuthorizer operators)
{
    [Function("OperatorConsole")]
    public IActionResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request)
        => Serve(request, ConsoleFiles.Page);

    [Function("OperatorConsoleFile")]
    public IActionResult File(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{file}")] HttpRequest request,
        string file)
        => Serve(request, file);

    private IActionResult Serve(HttpRequest request, string file)
    {
        var check = operators.Check(request);
        return check.Outcome switch
        {
            OperatorOutcome.NotSignedIn => ConsoleFiles.Refusal(StatusCodes.Status401Unauthorized, "Not signed in", "The payments console is for operators. Sign in with your Microsoft Entra ID account."),
            OperatorOutcome.MissingRole => ConsoleFiles.Refusal(StatusCodes.Status403Forbidden, "Not an operator", $"You are signed in, but without the app role {check.RequiredRole}. Ask for it to be assigned in the app registration."),
            _ => ConsoleFiles.Find(file) ?? ApiResults.Problem(ErrorCode.ConsoleFileNotFound, "The console has no such file."),
        };
    }
}
