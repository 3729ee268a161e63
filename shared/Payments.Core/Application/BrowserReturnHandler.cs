using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The shopper's browser coming back through <c>backUrl</c>. The return is display-first: its
/// bytes pass through the shopper's hands, so a return that claims success settles nothing on its own
/// word. It shows success only when a notice already settled the payment or a status query made now
/// agrees; otherwise the shopper sees the "confirming" page and a status check is booked. Verified
/// returns that report a failure or a pending state go through the same path as notices. Anything
/// unverified changes nothing but the order's hourly security count. The redirect target always
/// comes from the stored payment.
/// </summary>
public sealed partial class BrowserReturnHandler(
    MessageVerifier verifier,
    ResultApplier applier,
    ReconcileHandler reconciler,
    PaymentWriter writer,
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
            ? await store.FindAsync(PaymentAttempts.PaymentOrderOf(orderNumber), cancellationToken).ConfigureAwait(false)
            : null;
        if (stored is null)
        {
            LogRejected("unknown order");
            return ReturnOutcome.Confirming(null);
        }

        var verification = await verifier.VerifyAsync(SignatureKind.Result, message, stored.Known, cancellationToken).ConfigureAwait(false);
        if (verification != VerificationOutcome.Verified)
        {
            LogRejected(verification.ToString());
            await CountAsync(stored, SecurityEvents.What("return", SignatureKind.Result, message, stored.Known, verification), cancellationToken).ConfigureAwait(false);
            return ReturnOutcome.Confirming(stored.Data);
        }

        var facts = GatewayFacts.From(PaymentResult.From(message, ResultSource.BrowserReturn));
        if (facts.Outcome == GatewayOutcome.Succeeded)
        {
            return await ClaimedSuccessAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        var applied = await applier.ApplyAsync(facts, PaymentRecords.BrowserReturn(message, clock.GetUtcNow()), cancellationToken, read: stored).ConfigureAwait(false);
        return ReturnOutcome.Verified(applied.Payment ?? stored.Data);
    }

    private async Task<ReturnOutcome> ClaimedSuccessAsync(StoredPayment stored, CancellationToken cancellationToken)
    {
        if (stored.Data.Status == PaymentStatus.Succeeded)
        {
            return ReturnOutcome.Verified(stored.Data);
        }

        var checkedNow = await reconciler.CheckNowAsync(stored, cancellationToken).ConfigureAwait(false);
        if (checkedNow?.Status == PaymentStatus.Succeeded)
        {
            return ReturnOutcome.Verified(checkedNow);
        }

        LogUnconfirmedSuccess();
        // Counted rather than recorded one row each: a shopper may replay this form at will.
        await CountAsync(stored, "return-claims-success", cancellationToken).ConfigureAwait(false);
        var current = checkedNow is null ? stored : await store.FindAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false) ?? stored;
        await writer.ChangeAsync(current.Data.OrderNumber, change => change.BookFirstCheck("return-claims-success"), cancellationToken, read: current).ConfigureAwait(false);
        return ReturnOutcome.Confirming(current.Data);
    }

    private Task CountAsync(StoredPayment stored, string what, CancellationToken cancellationToken)
        => store.CountEventAsync(stored.Data.OrderNumber, SecurityEvents.Hourly(clock.GetUtcNow()), what, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Browser return not applied: {Reason}")]
    private partial void LogRejected(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A browser return claims success that neither a notice nor a status query has confirmed yet: the shopper sees the confirming page")]
    private partial void LogUnconfirmedSuccess();
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
