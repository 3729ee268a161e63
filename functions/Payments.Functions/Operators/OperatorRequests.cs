using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions.Operators;

/// <summary>
/// How every operator route starts: refuse anyone but an operator (401 / 403), refuse a change that another
/// site's page asks the operator's browser for (403), then run the work within the API's time budget.
/// </summary>
internal static class OperatorRequests
{
    // The platform's session cookie goes along with requests from any site's page, so a form on another
    // site could post to an operator route as the operator. Browsers say where a request comes from in
    // Sec-Fetch-Site; scripts and curl send none and are not browsers carrying someone's cookie.
    private static readonly string[] CrossSite = ["cross-site", "same-site"];

    public static Task<IActionResult> RunForOperatorAsync(
        this OperationBudgets budgets,
        OperatorAuthorizer operators,
        HttpRequest request,
        string operation,
        CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<IActionResult>> work)
    {
        var check = operators.Check(request);
        if (check.Refusal() is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        if (!HttpMethods.IsGet(request.Method) && CrossSite.Contains(request.Headers["Sec-Fetch-Site"].ToString(), StringComparer.OrdinalIgnoreCase))
        {
            return Task.FromResult<IActionResult>(ApiResults.Problem(ErrorCode.CrossSiteRequest, "Operator actions are taken from the operator console's own pages."));
        }

        return budgets.RunAsync(operation, budgets.Api, cancellationToken, token => work(check.Identity!.Name, token), ApiResults.Unavailable);
    }
}
