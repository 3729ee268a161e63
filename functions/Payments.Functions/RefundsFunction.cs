using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/payments/{paymentId}/refunds</c> and <c>GET</c> of the same path (function key): refund
/// all or part of a succeeded payment, and list its refunds, newest first.
/// </summary>
public sealed class RefundsFunction(RefundHandler handler, OperationBudgets budgets)
{
    [Function("CreateRefund")]
    public Task<IActionResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "payments/{paymentId}/refunds")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("refund", budgets.Api, cancellationToken, token => RefundRequests.HandleAsync(request, paymentId, (o, a, r, k, t) => handler.CreateAsync(o, a, r, k, t), token), ApiResults.Unavailable);

    [Function("ListRefunds")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "payments/{paymentId}/refunds")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("refund list", budgets.Api, cancellationToken, token => HandleListAsync(paymentId, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleListAsync(string paymentId, CancellationToken cancellationToken)
    {
        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        // The list read comes first: a payment without refunds costs one more read to tell "none" from "no such payment".
        var refunds = await handler.ListAsync(orderNumber, cancellationToken);
        if (refunds.Count == 0 && !await handler.ExistsAsync(orderNumber, cancellationToken))
        {
            return ApiResults.NotFound();
        }

        return ApiResults.Ok(new RefundList(refunds.Select(r => RefundView.From(paymentId, r)).ToList()));
    }
}

/// <summary>The body of a refund request.</summary>
public sealed record CreateRefundRequest
{
    /// <summary>Minor units; absent means everything not yet refunded.</summary>
    public long? Amount { get; init; }

    /// <summary>Sent to the gateway as the refund's description; at most 500 characters.</summary>
    public string? Reason { get; init; }
}

/// <summary>A payment's refunds, newest first.</summary>
public sealed record RefundList(IReadOnlyList<RefundView> Data);
