using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/payments/{paymentId}/review/resolve</c> (master key): an operator settles a payment in
/// review as <c>succeeded</c> or <c>failed</c>, after checking Oceanpayment's record of the order.
/// </summary>
public sealed class ResolveReviewFunction(ReviewHandler handler, PaymentsSettings settings, OperationBudgets budgets)
{
    [Function("ResolveReview")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "payments/{paymentId}/review/resolve")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("review resolution", budgets.Api, cancellationToken, token => ReviewResolutions.HandleAsync(request, paymentId, settings, (o, s, r, t) => handler.ResolveAsync(o, s, r, t), token), ApiResults.Unavailable);
}

/// <summary>The body of a review resolution.</summary>
public sealed record ResolveReviewRequest
{
    /// <summary><c>succeeded</c> or <c>failed</c>.</summary>
    public string? Status { get; init; }

    /// <summary>What the operator checked; kept in the payment's audit records.</summary>
    public string? Reason { get; init; }
}
