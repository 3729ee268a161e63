using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;
using Payments.Functions.Operators;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/payments</c> (function key) and <c>GET /api/operator/payments</c> (operator sign-in):
/// payments newest first, filtered by status, method, creation range and order number, paged with a
/// continuation. <c>GET /api/operator/counts</c>: counts by status of a day's payments. Costs are in
/// docs/list-index.md.
/// </summary>
public sealed class ListPaymentsFunction(PaymentSearch search, OperatorAuthorizer operators, OperationBudgets budgets, TimeProvider clock)
{
    [Function("ListPayments")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "payments")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunAsync("list", budgets.Api, cancellationToken, token => SearchAsync(request, token), ApiResults.Unavailable);

    [Function("OperatorListPayments")]
    public Task<IActionResult> OperatorListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/payments")] HttpRequest request,
        CancellationToken cancellationToken)
        => operators.Check(request).Refusal() is { } refusal
            ? Task.FromResult(refusal)
            : budgets.RunAsync("operator list", budgets.Api, cancellationToken, token => SearchAsync(request, token), ApiResults.Unavailable);

    [Function("OperatorCounts")]
    public Task<IActionResult> CountsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/counts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (operators.Check(request).Refusal() is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (request.Query["day"] is { Count: > 0 } asked
            && !DateOnly.TryParseExact(asked.ToString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
        {
            return Task.FromResult<IActionResult>(ApiResults.Validation([new("day", "day must be a date (yyyy-MM-dd).")]));
        }

        return budgets.RunAsync("operator counts", budgets.Api, cancellationToken, async token => (IActionResult)ApiResults.Ok(await search.CountAsync(day, token)), ApiResults.Unavailable);
    }

    private async Task<IActionResult> SearchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await search.SearchAsync(name => request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null, cancellationToken);
        return result.Page is { } page ? ApiResults.Ok(page) : ApiResults.Validation(result.Errors);
    }
}
