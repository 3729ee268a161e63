using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/payments/{paymentId}/timeline</c> (function key): every record of the payment in time
/// order, in plain words. Two storage requests: the payment's point read and one query of its partition.
/// </summary>
public sealed class PaymentTimelineFunction(IPaymentStore store, OperationBudgets budgets)
{
    [Function("PaymentTimeline")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "payments/{paymentId}/timeline")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("timeline", budgets.Api, cancellationToken, token => ReadAsync(store, paymentId, token), ApiResults.Unavailable);

    /// <summary>The timeline answer for a payment id; shared with the operators' route.</summary>
    internal static async Task<IActionResult> ReadAsync(IPaymentStore store, string paymentId, CancellationToken cancellationToken)
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

        var records = await store.ListRecordsAsync(orderNumber, cancellationToken);
        return ApiResults.Ok(new PaymentTimelineView(stored.Data.PaymentId, PaymentView.StatusName(stored.Data.Status), PaymentTimeline.Build(stored.Data, records)));
    }
}
