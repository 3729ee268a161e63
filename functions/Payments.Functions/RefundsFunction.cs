using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Signing;
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
        => budgets.RunAsync("refund", budgets.Api, cancellationToken, token => HandleCreateAsync(request, paymentId, token), ApiResults.Unavailable);

    [Function("ListRefunds")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "payments/{paymentId}/refunds")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("refund list", budgets.Api, cancellationToken, token => HandleListAsync(paymentId, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleCreateAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        var parsed = body is null ? null : RequestBody.Json<CreateRefundRequest>(body);
        if (parsed is null)
        {
            return ApiResults.Problem(400, "The body is not acceptable.", $"Send a JSON object of at most {RequestBody.MaxBytes} bytes, for example {{\"amount\": 500, \"reason\": \"Returned item\"}}.");
        }

        var (key, badKey) = RequestBody.IdempotencyKey(request);
        if (badKey is not null)
        {
            return badKey;
        }

        var errors = new List<FieldError>();
        if (parsed.Amount is <= 0)
        {
            errors.Add(new FieldError("amount", "The amount is in minor units and more than 0; leave it out to refund everything not yet refunded."));
        }

        var reason = parsed.Reason ?? string.Empty;
        if (reason.Length > RefundHandler.MaxReasonLength || !FieldShapes.IsTextOrEmpty(reason))
        {
            errors.Add(new FieldError("reason", $"At most {RefundHandler.MaxReasonLength} characters, no control characters."));
        }

        if (errors.Count > 0)
        {
            return ApiResults.Validation(errors);
        }

        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        var result = await handler.CreateAsync(orderNumber, parsed.Amount, reason, key, cancellationToken);
        return result.Status switch
        {
            RefundResultStatus.Created or RefundResultStatus.Replayed => ApiResults.Ok(RefundView.From(paymentId, result.Refund!), StatusCodes.Status201Created),
            RefundResultStatus.NotFound => ApiResults.NotFound(),
            RefundResultStatus.NotRefundable => ApiResults.Problem(409, "Not refundable.", "Only a succeeded payment can be refunded."),
            RefundResultStatus.ExceedsRefundable => ApiResults.Problem(422, "Amount exceeds what is refundable.", $"At most {new Payments.Core.Payments.Payment(result.Payment!).RefundableMinor} minor units of this payment can still be refunded (pending refunds count)."),
            RefundResultStatus.InvalidAmount => ApiResults.Validation([new FieldError("amount", result.Error ?? "The gateway cannot take this amount.")]),
            _ => ApiResults.Problem(422, "Idempotency-Key reused.", "This Idempotency-Key was used with a different refund."),
        };
    }

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
