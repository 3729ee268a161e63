using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;
using Payments.Functions.Operators;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/operator/payments/{paymentId}/check</c> (operator sign-in): query Oceanpayment about the
/// payment now (or, for a succeeded payment, about its pending refunds) instead of waiting for the next
/// scheduled check. 200 with the payment as it stands after the answer; 202 when the gateway did not
/// answer in time or was asked moments ago (the scheduled checks go on); 409 when there is nothing to ask.
/// </summary>
public sealed class OperatorCheckFunction(OperatorAuthorizer operators, OperatorActions actions, PaymentsSettings settings, OperationBudgets budgets)
{
    [Function("OperatorCheckNow")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/payments/{paymentId}/check")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunForOperatorAsync(operators, request, "operator check", cancellationToken, (name, token) => HandleAsync(paymentId, name, token));

    private async Task<IActionResult> HandleAsync(string paymentId, string operatorName, CancellationToken cancellationToken)
    {
        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        var result = await actions.CheckNowAsync(orderNumber, operatorName, cancellationToken);
        var view = result.Payment is { } payment ? PaymentView.From(payment, settings.QrImageUrl(payment.PaymentId)) : null;
        return result.Status switch
        {
            OperatorCheckStatus.Checked => ApiResults.Ok(view!),
            OperatorCheckStatus.NoAnswer => ApiResults.Ok(view!, StatusCodes.Status202Accepted),
            OperatorCheckStatus.NotFound => ApiResults.NotFound(),
            _ => ApiResults.Problem(ErrorCode.NothingToCheck, "The payment is final and has no pending refund: Oceanpayment has nothing more to tell."),
        };
    }
}
