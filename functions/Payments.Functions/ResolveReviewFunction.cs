using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;
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
        => budgets.RunAsync("review resolution", budgets.Api, cancellationToken, token => HandleAsync(request, paymentId, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        var parsed = body is null ? null : RequestBody.Json<ResolveReviewRequest>(body);
        var target = parsed?.Status switch
        {
            "succeeded" => PaymentStatus.Succeeded,
            "failed" => PaymentStatus.Failed,
            _ => (PaymentStatus?)null,
        };
        if (target is null || string.IsNullOrWhiteSpace(parsed!.Reason) || parsed.Reason.Length > 500)
        {
            return ApiResults.Validation([new FieldError("status", "Send {\"status\": \"succeeded\" | \"failed\", \"reason\": \"what the operator checked (1-500 characters)\"}.")]);
        }

        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        var update = await handler.ResolveAsync(orderNumber, target.Value, parsed.Reason, cancellationToken);
        if (update is null)
        {
            return ApiResults.NotFound();
        }

        return update.Written
            ? ApiResults.Ok(PaymentView.From(update.Payment, settings.QrImageUrl(update.Payment.PaymentId)))
            : ApiResults.Problem(409, "Not in review.", "Only a payment in review can be settled by an operator.");
    }
}

/// <summary>The body of a review resolution.</summary>
public sealed record ResolveReviewRequest
{
    /// <summary><c>succeeded</c> or <c>failed</c>.</summary>
    public string? Status { get; init; }

    /// <summary>What the operator checked; kept in the payment's audit records.</summary>
    public string? Reason { get; init; }
}
