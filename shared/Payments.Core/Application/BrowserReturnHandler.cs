using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The shopper's browser coming back through <c>backUrl</c>. A verified return goes through the
/// same path as notices; any other lands the shopper on a page that says the result is being
/// confirmed, and changes nothing. The redirect target always comes from the stored payment.
/// </summary>
public sealed partial class BrowserReturnHandler(
    MessageVerifier verifier,
    ResultApplier applier,
    IPaymentStore store,
    TimeProvider clock,
    ILogger<BrowserReturnHandler> logger)
{
    public async Task<ReturnOutcome> HandleAsync(string? formBody, CancellationToken cancellationToken)
    {
        var parsed = GatewayForm.Parse(formBody);
        if (!parsed.Succeeded)
        {
            LogRejected("unreadable");
            return ReturnOutcome.Confirming(null);
        }

        var message = parsed.Value;
        var orderNumber = message["order_number"];
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        var stored = RequestValidator.IsOrderNumber(orderNumber)
            ? await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false)
            : null;
        if (stored is null)
        {
            LogRejected("unknown order");
            return ReturnOutcome.Confirming(null);
        }

        var verification = await verifier.VerifyAsync(SignatureKind.Result, message, cancellationToken).ConfigureAwait(false);
        if (verification != VerificationOutcome.Verified)
        {
            LogRejected(verification.ToString());
            await store.AddRecordsAsync(orderNumber, [PaymentRecords.Event("security", clock.GetUtcNow(), ("what", "return-" + verification))], cancellationToken).ConfigureAwait(false);
            return ReturnOutcome.Confirming(stored.Data);
        }

        var facts = GatewayFacts.From(PaymentResult.From(message, ResultSource.BrowserReturn));
        var record = PaymentRecords.Event("browser-return", clock.GetUtcNow(), ("status", message["payment_status"]), ("details", facts.Details.Code));
        var applied = await applier.ApplyAsync(facts, record, cancellationToken).ConfigureAwait(false);
        return ReturnOutcome.Verified(applied.Payment ?? stored.Data);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Browser return not applied: {Reason}")]
    private partial void LogRejected(string reason);
}

/// <summary>Where to send the shopper after a browser return.</summary>
public sealed record ReturnOutcome(PaymentData? Payment, bool IsVerified)
{
    public static ReturnOutcome Confirming(PaymentData? payment) => new(payment, false);

    public static ReturnOutcome Verified(PaymentData payment) => new(payment, true);

    /// <summary>The stored merchant page with the payment id and status; <c>processing</c> when the
    /// return could not be verified (the merchant's page then polls the status).</summary>
    public string? RedirectUrl
    {
        get
        {
            if (Payment is null)
            {
                return null;
            }

            var status = IsVerified ? PaymentView.StatusName(Payment.Status) : "processing";
            var separator = Payment.ReturnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            return $"{Payment.ReturnUrl}{separator}paymentId={Uri.EscapeDataString(Payment.PaymentId)}&status={status}";
        }
    }
}
