using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions.Operators;

/// <summary>How every operator route starts: refuse anyone but an operator (401 / 403), then run the work within the API's time budget.</summary>
internal static class OperatorRequests
{
    public static Task<IActionResult> RunForOperatorAsync(
        this OperationBudgets budgets,
        OperatorAuthorizer operators,
        HttpRequest request,
        string operation,
        CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<IActionResult>> work)
    {
        var check = operators.Check(request);
        return check.Refusal() is { } refusal
            ? Task.FromResult(refusal)
            : budgets.RunAsync(operation, budgets.Api, cancellationToken, token => work(check.Identity!.Name, token), ApiResults.Unavailable);
    }
}
