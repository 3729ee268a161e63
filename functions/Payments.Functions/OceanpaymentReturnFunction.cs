using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/oceanpayment/return</c>: the <c>backUrl</c> the shopper's browser is POSTed to.
/// Always answers 303: to the merchant page stored with the payment, or to a page that says the
/// result is being confirmed (also when storage does not answer within <c>Budgets:BrowserReturn</c>:
/// the notice or the reconciler settles the payment, and the merchant's page shows it).
/// </summary>
public sealed class OceanpaymentReturnFunction(BrowserReturnHandler handler, OperationBudgets budgets)
{
    private const string ConfirmingPage = "/api/oceanpayment/confirming";

    [Function("OceanpaymentReturn")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "oceanpayment/return")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunAsync<IActionResult>("browser return", budgets.BrowserReturn, cancellationToken, token => HandleAsync(request, token), () => new SeeOtherResult(ConfirmingPage));

    private async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        var form = body is null || body.Length > GatewayForm.MaxBytes ? null : System.Text.Encoding.UTF8.GetString(body);
        var outcome = await handler.HandleAsync(form, cancellationToken);
        return new SeeOtherResult(outcome.RedirectUrl ?? ConfirmingPage);
    }
}

/// <summary>303 See Other, so the browser follows with GET.</summary>
internal sealed class SeeOtherResult(string location) : IActionResult
{
    public string Location { get; } = location;

    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.HttpContext.Response.Headers.Location = Location;
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
