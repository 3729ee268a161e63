using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/payments/{paymentId}/confirm</c>: the shopper's page confirms with the client secret.
/// Past its budget (the gateway timeout plus <c>Budgets:GatewayMargin</c>) it answers 503; a payment
/// that was already sent stays open in the index and is reconciled, and a second confirm never
/// calls the gateway again.
/// </summary>
public sealed class ConfirmPaymentFunction(PaymentAccess access, ConfirmPaymentHandler handler, OperationBudgets budgets)
{
    [Function("ConfirmPayment")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/{paymentId}/confirm")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("confirm", budgets.Confirm, cancellationToken, token => HandleAsync(request, paymentId, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        var (parsed, refused) = RequestBody.Parse(body, $"Send a JSON object of at most {RequestBody.MaxBytes} bytes.", whenEmpty: new ConfirmPaymentRequest());
        if (parsed is null)
        {
            return refused!;
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
