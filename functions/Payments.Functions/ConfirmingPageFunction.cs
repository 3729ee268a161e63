using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Payments.Functions;

/// <summary><c>GET /api/oceanpayment/confirming</c>: where a shopper lands when a return could not be tied to a payment.</summary>
public sealed class ConfirmingPageFunction
{
    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Confirming your payment</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a;">
        <main>
        <h1>We are confirming your payment</h1>
        <p>Your payment result is being confirmed with the payment provider. You will not be charged twice.
        Please return to the shop; your order page will show the result shortly.</p>
        </main>
        </body>
        </html>
        """;

    [Function("OceanpaymentConfirming")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "oceanpayment/confirming")] HttpRequest request)
        => new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/html; charset=utf-8", Content = Page };
}
