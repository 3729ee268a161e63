using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary><c>GET /api/payments/{paymentId}</c>: status, amount, method, masked card, failure, next action.</summary>
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
