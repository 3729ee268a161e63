using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Functions.Api;

namespace Payments.Functions;

/// <summary><c>GET /api/payments/{paymentId}</c>: status, amount, method, masked card, failure, next action.</summary>
public sealed class GetPaymentFunction(PaymentAccess access)
{
    [Function("GetPayment")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/{paymentId}")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
    {
        var (stored, denied) = await access.AuthorizeAsync(request, paymentId, null, cancellationToken);
        return stored is null ? denied! : ApiResults.Ok(access.View(stored.Data));
    }
}
