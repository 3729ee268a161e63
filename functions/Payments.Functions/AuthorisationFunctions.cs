using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/payments/{paymentId}/capture</c> and <c>POST /api/payments/{paymentId}/cancel</c>
/// (function key): take or release an authorised pre-authorisation.
/// </summary>
public sealed class AuthorisationFunctions(AuthorisationHandler handler, PaymentsSettings settings, OperationBudgets budgets)
{
    [Function("CapturePayment")]
    public Task<IActionResult> CaptureAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "payments/{paymentId}/capture")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("capture", budgets.Api, cancellationToken, token => HandleAsync(request, paymentId, capture: true, token), ApiResults.Unavailable);

    [Function("CancelPayment")]
    public Task<IActionResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "payments/{paymentId}/cancel")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("cancel", budgets.Api, cancellationToken, token => HandleAsync(request, paymentId, capture: false, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleAsync(HttpRequest request, string paymentId, bool capture, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        // An empty body is the whole amount (capture) or no options at all (cancel).
        var (parsed, refused) = RequestBody.Parse(body, "Send nothing, or a JSON object such as {\"amount\": 500} (capture only).", whenEmpty: new CaptureRequest());
        if (parsed is null)
        {
            return refused!;
        }

        if (parsed.Amount is <= 0 || (!capture && parsed.Amount is not null))
        {
            return ApiResults.Validation([new FieldError("amount", capture ? "The amount is in minor units and more than 0; leave it out to capture all." : "A cancel takes no amount.")]);
        }

        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        var result = capture
            ? await handler.CaptureAsync(orderNumber, parsed.Amount, cancellationToken)
            : await handler.CancelAsync(orderNumber, cancellationToken);
        var view = result.Payment is { } payment ? PaymentView.From(payment, settings.QrImageUrl(payment.PaymentId)) : null;
        return result.Status switch
        {
            AuthorisationStatus.Done => ApiResults.Ok(view!),
            AuthorisationStatus.OutcomeUnknown => ApiResults.Ok(view!, StatusCodes.Status202Accepted),
            AuthorisationStatus.NotFound => ApiResults.NotFound(),
            AuthorisationStatus.NotAuthorised => ApiResults.Problem(ErrorCode.PaymentNotCapturable, "Only an authorised pre-authorisation can be captured or canceled."),
            AuthorisationStatus.InvalidAmount => ApiResults.Problem(ErrorCode.AmountExceedsAuthorised, "A capture takes at most the authorised amount, with at most two decimals."),
            AuthorisationStatus.InProgress => ApiResults.Problem(ErrorCode.AuthorisationInProgress, "A capture or cancel of this payment is in flight or its outcome is being checked; read the payment and retry if it is still authorised."),
            _ => ApiResults.Problem(
                // 20026: the capture is more than the authorised amount, a case the merchant can correct.
                result.GatewayCode == "20026" ? ErrorCode.AmountExceedsAuthorised : ErrorCode.GatewayRefused,
                $"Oceanpayment refused it ({result.GatewayCode}: {result.GatewayMessage}); the authorisation stands."),
        };
    }
}

/// <summary>The body of a capture.</summary>
public sealed record CaptureRequest
{
    /// <summary>Minor units, at most the authorised amount; absent means all of it.</summary>
    public long? Amount { get; init; }
}
