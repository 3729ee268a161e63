using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;
using Payments.Functions.Operators;

namespace Payments.Functions;

/// <summary>
/// The operator console's routes for one payment (operator sign-in, no function key): its view, its
/// timeline, settling its review and refunding it. Each answers as the merchant's route of the same
/// name does (the same handlers and checks); the resolution and the refund keep the operator's name in
/// the payment's records.
/// </summary>
public sealed class OperatorPaymentFunctions(OperatorAuthorizer operators, OperatorActions actions, IPaymentStore store, PaymentsSettings settings, OperationBudgets budgets)
{
    [Function("OperatorGetPayment")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/payments/{paymentId}")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunForOperatorAsync(operators, request, "operator payment read", cancellationToken, (_, token) => ViewAsync(paymentId, token));

    [Function("OperatorPaymentTimeline")]
    public Task<IActionResult> TimelineAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/payments/{paymentId}/timeline")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunForOperatorAsync(operators, request, "operator timeline", cancellationToken, (_, token) => PaymentTimelineFunction.ReadAsync(store, paymentId, token));

    [Function("OperatorResolveReview")]
    public Task<IActionResult> ResolveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/payments/{paymentId}/resolve")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunForOperatorAsync(operators, request, "operator review resolution", cancellationToken, (name, token) =>
            ReviewResolutions.HandleAsync(request, paymentId, settings, (o, s, r, t) => actions.ResolveAsync(o, s, r, name, t), token));

    [Function("OperatorCreateRefund")]
    public Task<IActionResult> RefundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/payments/{paymentId}/refunds")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunForOperatorAsync(operators, request, "operator refund", cancellationToken, (name, token) =>
            RefundRequests.HandleAsync(request, paymentId, (o, a, r, k, t) => actions.RefundAsync(o, a, r, k, name, t), token));

    private async Task<IActionResult> ViewAsync(string paymentId, CancellationToken cancellationToken)
    {
        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        var stored = await store.FindAsync(orderNumber, cancellationToken);
        return stored is null ? ApiResults.NotFound() : ApiResults.Ok(PaymentView.From(stored.Data, settings.QrImageUrl(stored.Data.PaymentId)));
    }
}
