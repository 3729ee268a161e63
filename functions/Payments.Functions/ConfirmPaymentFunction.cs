using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;

namespace Payments.Functions;

/// <summary><c>POST /api/payments/{paymentId}/confirm</c>: the shopper's page confirms with the client secret.</summary>
public sealed class ConfirmPaymentFunction(PaymentAccess access, ConfirmPaymentHandler handler)
{
    [Function("ConfirmPayment")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/{paymentId}/confirm")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        var parsed = body is null ? null : body.Length == 0 ? new ConfirmPaymentRequest() : RequestBody.Json<ConfirmPaymentRequest>(body);
        if (parsed is null)
        {
            return ApiResults.Problem(400, "The body is not acceptable.", $"Send a JSON object of at most {RequestBody.MaxBytes} bytes.");
        }

        var (stored, denied) = await access.AuthorizeAsync(request, paymentId, parsed.ClientSecret, cancellationToken);
        if (stored is null)
        {
            return denied!;
        }

        var (instrument, error) = RequestMapper.ToInstrument(parsed);
        if (error is not null)
        {
            return ApiResults.Validation([error]);
        }

        var result = await handler.HandleAsync(stored, instrument, cancellationToken);
        return result.Status == ConfirmStatus.Invalid
            ? ApiResults.Validation(result.Errors!)
            : ApiResults.Ok(access.View(result.Payment));
    }
}
