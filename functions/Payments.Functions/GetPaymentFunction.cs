using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/payments/{paymentId}</c>: the shopper's page's read, with the client secret (<see cref="PaymentView.ForShopper"/>).
/// The merchant's server reads <c>GET /api/payments/{paymentId}/merchant</c> with the function key
/// (<see cref="GetPaymentForMerchantFunction"/>). They are two routes because the Functions host decides a route's
/// key check before the worker runs and does not pass its verdict on to an isolated worker: one route cannot be
/// anonymous for the page and key-checked for the server.
/// </summary>
public sealed class GetPaymentFunction(PaymentAccess access, OperationBudgets budgets)
{
    [Function("GetPayment")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/{paymentId}")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("status read", budgets.Api, cancellationToken, token => HandleAsync(request, paymentId, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken)
    {
        var (stored, denied) = await access.AuthorizeAsync(request, paymentId, null, cancellationToken);
        return stored is null ? denied! : ApiResults.Ok(access.View(stored.Data));
    }
}
