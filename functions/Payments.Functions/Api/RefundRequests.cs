using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Functions.Api;

/// <summary>
/// A refund request as the API takes it, from the merchant's server or an operator: the body and
/// Idempotency-Key are checked here, the refund itself is made by <paramref name="create"/> (the
/// <see cref="RefundHandler"/>, directly or through the operator's actions), and its outcome mapped to HTTP.
/// </summary>
internal static class RefundRequests
{
    /// <summary>Makes the refund: order number, amount (null: all), reason, Idempotency-Key.</summary>
    public delegate Task<RefundResult> Create(string orderNumber, long? amountMinor, string reason, string? idempotencyKey, CancellationToken cancellationToken);

    public static async Task<IActionResult> HandleAsync(HttpRequest request, string paymentId, Create create, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        var (parsed, refused) = RequestBody.Parse<CreateRefundRequest>(body, $"Send a JSON object of at most {RequestBody.MaxBytes} bytes, for example {{\"amount\": 500, \"reason\": \"Returned item\"}}.");
        if (parsed is null)
        {
            return refused!;
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

        var result = await create(orderNumber, parsed.Amount, reason, key, cancellationToken);
        return result.Status switch
        {
            RefundResultStatus.Created or RefundResultStatus.Replayed => ApiResults.Ok(RefundView.From(paymentId, result.Refund!), StatusCodes.Status201Created),
            RefundResultStatus.NotFound => ApiResults.NotFound(),
            RefundResultStatus.NotRefundable => ApiResults.Problem(ErrorCode.PaymentNotRefundable, "Only a succeeded payment can be refunded."),
            RefundResultStatus.ExceedsRefundable => ApiResults.Problem(ErrorCode.AmountExceedsRefundable, $"At most {new Payments.Core.Payments.Payment(result.Payment!).RefundableMinor} minor units of this payment can still be refunded (pending refunds count)."),
            RefundResultStatus.InvalidAmount => ApiResults.Validation([new FieldError("amount", result.Error ?? "The gateway cannot take this amount.")]),
            _ => ApiResults.Problem(ErrorCode.IdempotencyKeyReused, "This Idempotency-Key was used with a different refund."),
        };
    }
}
