using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Core.Payments;
using Payments.Functions.Api;
using Payments.Functions.Budgets;
using QRCoder;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/payments/{paymentId}/qr.png</c>: the QR code of a WeChat Pay / Alipay / FPS payment
/// as a PNG, for an &lt;img&gt; tag. Anonymous: it shows only what the shopper scans to pay this order.
/// </summary>
public sealed class PaymentQrFunction(IPaymentStore store, OperationBudgets budgets)
{
    [Function("PaymentQrCode")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/{paymentId}/qr.png")] HttpRequest request,
        string paymentId,
        CancellationToken cancellationToken)
        => budgets.RunAsync("QR code", budgets.Api, cancellationToken, token => HandleAsync(paymentId, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleAsync(string paymentId, CancellationToken cancellationToken)
    {
        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        var stored = await store.FindAsync(orderNumber, cancellationToken);
        if (stored?.Data is not { Status: PaymentStatus.Pending or PaymentStatus.RequiresAction, NextAction.QrContent: { Length: > 0 } content })
        {
            return ApiResults.NotFound();
        }

        using var data = QRCodeGenerator.GenerateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return new FileContentResult(png, "image/png");
    }
}
