using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;
using Payments.Functions.Operators;

namespace Payments.Functions;

/// <summary>
/// For the operator console (operator sign-in): <c>GET /api/operator/payments</c>, the same list as
/// <c>GET /api/payments</c>, and <c>GET /api/operator/counts?day=yyyy-MM-dd</c>, how many of a day's
/// payments are in each status.
/// </summary>
public sealed class OperatorListFunction(PaymentSearch search, OperatorAuthorizer operators, OperationBudgets budgets, TimeProvider clock)
{
    [Function("OperatorListPayments")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/payments")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunForOperatorAsync(operators, request, "operator list", cancellationToken, (_, token) => ListPaymentsFunction.SearchAsync(search, request, token));

    [Function("OperatorCounts")]
    public Task<IActionResult> CountsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/counts")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunForOperatorAsync(operators, request, "operator counts", cancellationToken, async (_, token) =>
        {
            var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (request.Query["day"] is { Count: > 0 } asked
                && !DateOnly.TryParseExact(asked.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return ApiResults.Validation([new("day", "day must be a date (yyyy-MM-dd).")]);
            }

            return ApiResults.Ok(await search.CountAsync(day, token));
        });
}
