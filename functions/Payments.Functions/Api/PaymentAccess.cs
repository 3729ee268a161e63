using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Payments.Core.Application;
using Payments.Core.Payments;

namespace Payments.Functions.Api;

/// <summary>
/// Finds a payment by id and checks the caller holds its client secret (constant-time). An unknown
/// id and a wrong secret get different answers only after the secret check would have passed,
/// so ids cannot be probed with a guessed secret.
/// </summary>
public sealed class PaymentAccess(IPaymentStore store, PaymentsSettings settings)
{
    public const string ClientSecretHeader = "X-Client-Secret";

    public async Task<(StoredPayment? Payment, IActionResult? Denied)> AuthorizeAsync(HttpRequest request, string paymentId, string? secretFromBody, CancellationToken cancellationToken)
    {
        string? presented = request.Headers[ClientSecretHeader];
        presented ??= secretFromBody;
        if (string.IsNullOrEmpty(presented))
        {
            return (null, ApiResults.Unauthorized());
        }

        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return (null, ApiResults.NotFound());
        }

        var stored = await store.FindAsync(orderNumber, cancellationToken);
        if (stored is null || !PaymentIds.SecretMatches(stored.Data.ClientSecret, presented))
        {
            // The same answer for "no such payment" and "wrong secret".
            return (null, ApiResults.NotFound());
        }

        return (stored, null);
    }

    /// <summary>The payment as the shopper's page, holding its client secret, may see it.</summary>
    public PaymentView View(PaymentData payment) => PaymentView.From(payment, settings.QrImageUrl(payment.PaymentId)).ForShopper();
}
