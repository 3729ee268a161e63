using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary><c>GET /api/payments/{paymentId}/merchant</c>: the payment with its private notes and its refunds, for the
/// merchant's server (function key).</summary>
public sealed class GetPaymentForMerchantFunction(PaymentWriter payments, PaymentsSettings settings, OperationBudgets budgets)
{
    [Function("GetPaymentForMerchant")]
    public Task<IActionResult> ForMerchantAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "payments/{paymentId}/merchant")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("status read", budgets.Api, cancellationToken, token => HandleForMerchantAsync(paymentId, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleForMerchantAsync(string paymentId, CancellationToken cancellationToken)
    {
        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        // One point read and one query of the payment's refunds, as the refunds list reads them.
        if (await payments.ReadAsync(orderNumber, withRefunds: true, cancellationToken) is not { } read)
        {
            return ApiResults.NotFound();
        }

        var payment = read.Stored.Data;
        var view = PaymentView.From(payment, settings.QrImageUrl(payment.PaymentId)) with
        {
            Refunds = [.. read.Refunds.Select(r => RefundView.From(payment.PaymentId, r))],
        };
        return ApiResults.Ok(view);
    }
}
