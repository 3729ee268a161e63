using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Oceanpayment.Requests;
using Payments.Functions.Api;
using Payments.Functions.Budgets;
using Payments.Infrastructure.Storage;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/maintenance/list-index?after=</c> (master key): one step of filling the list index with
/// payments written before it existed (docs/operations.md, "After upgrading"). Each step reads up to
/// 100 payments in order-number order and answers where the next step starts; steps can be repeated.
/// </summary>
public sealed class BackfillListIndexFunction(ListIndexBackfill backfill, OperationBudgets budgets)
{
    [Function("BackfillListIndex")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "maintenance/list-index")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunAsync("list index backfill", budgets.Api, cancellationToken, token => StepAsync(request, token), ApiResults.Unavailable);

    private async Task<IActionResult> StepAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? after = request.Query.TryGetValue("after", out var value) && value.Count > 0 ? value.ToString() : null;
        if (!ListIndexBackfill.IsPosition(after))
        {
            return ApiResults.Validation([new FieldError("after", "Must be the next value of an earlier step: an order number of 1-50 letters, digits, '_' or '-'.")]);
        }

        var step = await backfill.StepAsync(after, ListIndexBackfill.DefaultStepSize, cancellationToken);
        return ApiResults.Ok(new ListIndexBackfillView(step.Read, step.Next));
    }
}

/// <summary>What a backfill step answers: how many payments it read, and <c>next</c> for the step after it (absent once the scan is complete).</summary>
public sealed record ListIndexBackfillView(int Read, string? Next);
