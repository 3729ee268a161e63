using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary><c>GET /api/payments/{paymentId}/merchant</c>: the payment with its private notes and its refunds, for the
/// merchant's server (function key).</summary>
public sealed class GetPaymentForMerchantFunction(IPaymentStore store, RefundHandler refunds, PaymentsSettings settings, OperationBudgets budgets)
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

        var stored = await store.FindAsync(orderNumber, cancellationToken);
        if (stored is null)
        {
            return ApiResults.NotFound();
        }

        var list = await refunds.ListAsync(orderNumber, cancellationToken);
        var view = PaymentView.From(stored.Data, settings.QrImageUrl(stored.Data.PaymentId)) with
        {
            Refunds = [.. list.Select(r => RefundView.From(stored.Data.PaymentId, r))],
        };
        return ApiResults.Ok(view);
    }
}
