using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Sends a created payment to the gateway, once; a payment whose declined attempt allows another
/// (<see cref="PaymentStatus.RequiresPaymentMethod"/>) sends its next attempt, once, under that attempt's
/// own order number (<see cref="PaymentAttempts"/>). The payment is marked processing (a conditional
/// write) before the call, so a second confirm, or a concurrent one, never calls the gateway again.
/// An answer that cannot be trusted or never came leaves the outcome unknown for reconciliation:
/// the order is never resubmitted.
/// </summary>
public sealed partial class ConfirmPaymentHandler(
    PaymentWriter writer,
    IOceanpaymentClient gateway,
    ISecureCodeSource secureCodes,
    MessageVerifier verifier,
    ResultApplier applier,
    ReconcilePolicy policy,
    PaymentsSettings settings,
    TimeProvider clock,
    ILogger<ConfirmPaymentHandler> logger)
{
    public async Task<ConfirmPaymentResult> HandleAsync(StoredPayment stored, PaymentInstrument? instrument, CancellationToken cancellationToken)
    {
        using var scope = PaymentLogScope.Begin(logger, stored.Data.OrderNumber);
        if (stored.Data.Status is not (PaymentStatus.Created or PaymentStatus.RequiresPaymentMethod) || stored.Data.OutcomeUnknown)
        {
            return new ConfirmPaymentResult(ConfirmStatus.AlreadyConfirmed, stored.Data);
        }

        var payment = new Payment(stored.Data);
        var attempt = stored.Data.Status == PaymentStatus.Created ? stored.Data.Attempt : stored.Data.PastAttempts.Count + 2;
        var route = settings.Routing.RouteOn(payment.Data.Method, payment.Data.Terminal);
        var request = new GatewayPaymentRequest
        {
            Account = payment.Data.Account,
            Route = route,
            OrderNumber = PaymentAttempts.GatewayOrderNumber(payment.Data.OrderNumber, attempt),
            Amount = payment.Data.Amount,
            BackUrl = settings.BackUrl,
            NoticeUrl = settings.NoticeUrl,
            OrderNotes = payment.Data.OrderNotes,
            Billing = payment.Data.Billing,
            Products = payment.Data.Products,
            Instrument = instrument,
            CaptureMode = payment.Data.CaptureMode,
        };
        var errors = RequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return new ConfirmPaymentResult(ConfirmStatus.Invalid, stored.Data, errors.Select(e => e with { Field = ApiFieldNames.For(e.Field) }).ToList());
        }

        var secureCode = await secureCodes.RequireAsync(new TerminalKey(payment.Data.Account, route.Terminal), cancellationToken).ConfigureAwait(false);
        var form = GatewayRequests.Payment(request, secureCode, settings.SignBackUrl);

        var firstCheck = policy.DelayFor(0);
        // Marked sent with its first check booked, the index row written first (another partition: a crash
        // after the write can never leave an open payment the sweep cannot find), the check queued after.
        var sent = await writer.ChangeAsync(
            payment.Data.OrderNumber,
            change =>
            {
                // The attempt checked above, and no other: a confirm that raced this one sent it already.
                if (change.Payment.Data.Status == PaymentStatus.RequiresPaymentMethod != (attempt > change.Read.Attempt)
                    || !change.Payment.MarkSent(change.Now, change.Now + firstCheck))
                {
                    return false;
                }

                change.KeepInIndex(0, firstCheck);
                change.Record(new SentRecord(route.Terminal, route.Methods));
                change.Schedule(new ReconcileRequest(change.Payment.Data.OrderNumber, 0, "sent") { DueAt = change.Payment.Data.NextCheckAt }, firstCheck);
                return true;
            },
            cancellationToken,
            read: stored).ConfigureAwait(false);
        if (!sent.Written)
        {
            // Another confirm won the race: it makes the one gateway call.
            return new ConfirmPaymentResult(ConfirmStatus.AlreadyConfirmed, sent.Payment ?? payment.Data);
        }

        payment = new Payment(sent.Payment!);
        // From here the order number is spent: whatever happens, it is reconciled, never resent.
        var call = await gateway.PayAsync(route, form, cancellationToken).ConfigureAwait(false);
        if (!call.Answered)
        {
            return await UnknownAsync(payment.Data.OrderNumber, "no-answer: " + call.Failure, cancellationToken).ConfigureAwait(false);
        }

        var parsed = GatewayXml.ParseMessage(call.Body!);
        if (!parsed.Succeeded)
        {
            return await UnknownAsync(payment.Data.OrderNumber, "unreadable-answer", cancellationToken).ConfigureAwait(false);
        }

        var verification = await verifier.VerifyAsync(SignatureKind.Result, parsed.Value, new KnownValues(payment.Data.OrderNotes, payment.Data.GatewayPaymentId), cancellationToken).ConfigureAwait(false);
        if (verification != VerificationOutcome.Verified)
        {
            LogUnverifiedAnswer(verification);
            return await UnknownAsync(payment.Data.OrderNumber, "unverified-answer: " + verification, cancellationToken).ConfigureAwait(false);
        }

        var facts = GatewayFacts.From(PaymentResult.From(parsed.Value, ResultSource.PaymentAnswer));
        var applied = await applier.ApplyAsync(facts, new AnswerRecord(parsed.Value["payment_status"], facts.Details.Code).ToRecord(clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new ConfirmPaymentResult(ConfirmStatus.Sent, applied.Payment ?? payment.Data);
    }

    private async Task<ConfirmPaymentResult> UnknownAsync(string orderNumber, string reason, CancellationToken cancellationToken)
    {
        LogUnknownOutcome(reason);
        // An ignored transition means a notice already settled the payment while we waited.
        var update = await writer.ChangeAsync(
            orderNumber,
            change =>
            {
                var transition = change.Payment.MarkOutcomeUnknown(reason, change.Now);
                if (transition.Kind != TransitionKind.Ignored)
                {
                    change.Record(new OutcomeUnknownRecord(reason));
                }

                return transition;
            },
            cancellationToken).ConfigureAwait(false);
        if (update.Status == WriteStatus.Missing)
        {
            throw new InvalidOperationException("The payment disappeared while it was being confirmed.");
        }

        return new ConfirmPaymentResult(ConfirmStatus.Sent, update.Payment!);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway outcome unknown ({Reason}); reconciliation will query it")]
    private partial void LogUnknownOutcome(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security: the gateway's answer did not verify ({Verification})")]
    private partial void LogUnverifiedAnswer(VerificationOutcome verification);
}

public enum ConfirmStatus
{
    Sent,
    AlreadyConfirmed,
    Invalid,
}

public sealed record ConfirmPaymentResult(ConfirmStatus Status, PaymentData Payment, IReadOnlyList<FieldError>? Errors = null);
