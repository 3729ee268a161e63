using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/payments</c> (function key): payments newest first, filtered by status, method, creation
/// range and order number, paged with a cursor (<c>after</c>, from the page's <c>next</c>). Costs are in docs/events.md.
/// </summary>
public sealed class ListPaymentsFunction(PaymentSearch search, OperationBudgets budgets)
{
    [Function("ListPayments")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "payments")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunAsync("list", budgets.Api, cancellationToken, token => SearchAsync(search, request, token), ApiResults.Unavailable);

    /// <summary>The list as both the API and the console ask for it: the filters from the query string.</summary>
    internal static async Task<IActionResult> SearchAsync(PaymentSearch search, HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await search.SearchAsync(name => request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null, cancellationToken);
        return result.Page is { } page ? ApiResults.Ok(page) : ApiResults.Validation(result.Errors);
    }
}
