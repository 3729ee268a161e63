using Microsoft.Extensions.Logging;
using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Capture (F11) and void (F12) of a pre-authorisation through <c>service/auth</c>. The request is
/// marked on the payment and a status check booked before anything is sent; the F3-signed answer is
/// verified and applied through the transition table (capture -> succeeded, void -> canceled). A
/// verified refusal changes nothing; an answer that cannot be verified leaves the payment as it was
/// and the booked status query finds out.
/// </summary>
public sealed partial class AuthorisationHandler(
    PaymentWriter writer,
    IOceanpaymentClient gateway,
    ISecureCodeSource secureCodes,
    MessageVerifier verifier,
    ResultApplier applier,
    ReconcilePolicy policy,
    TimeProvider clock,
    ILogger<AuthorisationHandler> logger)
{
    /// <summary>Captures <paramref name="amountMinor"/> (null: all) of an authorised payment.</summary>
    public Task<AuthorisationResult> CaptureAsync(string orderNumber, long? amountMinor, CancellationToken cancellationToken)
        => RunAsync(orderNumber, amountMinor, capture: true, cancellationToken);

    /// <summary>Releases an authorised payment.</summary>
    public Task<AuthorisationResult> CancelAsync(string orderNumber, CancellationToken cancellationToken)
        => RunAsync(orderNumber, null, capture: false, cancellationToken);

    private async Task<AuthorisationResult> RunAsync(string orderNumber, long? amountMinor, bool capture, CancellationToken cancellationToken)
    {
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        var what = capture ? "capture" : "cancel";
        var delay = policy.DelayFor(0);
        // Marked with its check booked before anything is sent, queued after the write: from here the
        // request may reach the gateway, so a check is coming whatever happens next.
        var marked = await writer.ChangeAsync(
            orderNumber,
            change =>
            {
                var read = change.Read;
                if (read.Status != PaymentStatus.Authorised)
                {
                    return (AuthorisationStatus.NotAuthorised, default(Money));
                }

                var amount = new Money(amountMinor ?? read.Amount.MinorUnits, read.Amount.Currency);
                if (capture && (amount.MinorUnits > read.Amount.MinorUnits || !amount.TryFormatForGateway(out _, out _)))
                {
                    return (AuthorisationStatus.InvalidAmount, amount);
                }

                if (!change.Payment.BeginAuthAction(capture ? amount.MinorUnits : null, change.Now, change.Now + delay))
                {
                    return (AuthorisationStatus.InProgress, amount);
                }

                change.Record(new AuthRequestedRecord(what, capture ? amount.ToString() : string.Empty));
                // An authorised payment is not open: the index row is what lets the sweep find it if the check is lost.
                change.KeepInIndex(0, delay);
                change.Schedule(new ReconcileRequest(orderNumber, 0, what + "-requested") { DueAt = change.Payment.Data.NextCheckAt }, delay);
                return (AuthorisationStatus.Done, amount);
            },
            cancellationToken).ConfigureAwait(false);
        if (marked.Status == WriteStatus.Missing)
        {
            return new AuthorisationResult(AuthorisationStatus.NotFound, null);
        }

        var (status, amount) = marked.Decision;
        if (status != AuthorisationStatus.Done)
        {
            return new AuthorisationResult(status, marked.Payment);
        }

        var data = marked.Payment!;
        var secureCode = await secureCodes.RequireAsync(new TerminalKey(data.Account, data.Terminal), cancellationToken).ConfigureAwait(false);
        var form = capture
            ? GatewayRequests.Capture(data.Account, data.Terminal, data.GatewayPaymentId, amount, secureCode)
            : GatewayRequests.Void(data.Account, data.Terminal, data.GatewayPaymentId, secureCode);
        GatewayCall call;
        try
        {
            call = await gateway.AuthAsync(form, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            call = GatewayCall.Failed("timed out");
        }

        var message = call.Answered ? GatewayXml.ParseMessage(call.Body!) : default;
        var verification = message.Succeeded
            ? await verifier.VerifyAsync(SignatureKind.Result, message.Value, new KnownValues(data.OrderNotes, data.GatewayPaymentId), cancellationToken).ConfigureAwait(false)
            : VerificationOutcome.InvalidSignature;
        if (verification != VerificationOutcome.Verified || message.Value!["payment_id"] != data.GatewayPaymentId)
        {
            LogUnknown(what, call.Failure ?? verification.ToString());
            return new AuthorisationResult(AuthorisationStatus.OutcomeUnknown, data);
        }

        var result = PaymentResult.From(message.Value!, ResultSource.PaymentAnswer);
        var facts = GatewayFacts.From(result);
        var expected = capture ? GatewayOutcome.Succeeded : GatewayOutcome.Voided;
        var record = new AuthAnswerRecord(what, message.Value!["payment_status"], result.Details.Code).ToRecord(clock.GetUtcNow());
        if (facts.Outcome == expected)
        {
            var applied = await applier.ApplyAsync(facts, record, cancellationToken).ConfigureAwait(false);
            return new AuthorisationResult(AuthorisationStatus.Done, applied.Payment ?? data);
        }

        if (facts.Outcome == GatewayOutcome.Failed)
        {
            // payment_status 0 here answers this request, not the payment: the authorisation stands.
            var update = await writer.ChangeAsync(
                orderNumber,
                change =>
                {
                    change.Payment.EndAuthActionRefused(change.Now);
                    change.Record(new AuthRefusedRecord(what, result.Details.Code));
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            LogRefused(what, result.Details.Code);
            return new AuthorisationResult(AuthorisationStatus.Refused, update.Payment ?? data) { GatewayCode = result.Details.Code, GatewayMessage = result.Details.Text };
        }

        LogUnknown(what, "unexpected outcome " + facts.Outcome);
        return new AuthorisationResult(AuthorisationStatus.OutcomeUnknown, data);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {What} answer is not usable ({Reason}); the payment stays as it was and a status query finds out")]
    private partial void LogUnknown(string what, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway refused the {What} ({Code}); the authorisation stands")]
    private partial void LogRefused(string what, string code);
}

public enum AuthorisationStatus
{
    /// <summary>Captured (succeeded) or voided (canceled).</summary>
    Done,

    NotFound,

    /// <summary>The payment is not an authorised pre-authorisation.</summary>
    NotAuthorised,

    /// <summary>More than authorised, or not an amount the gateway takes.</summary>
    InvalidAmount,

    /// <summary>Another capture or void of this payment is in flight or being checked.</summary>
    InProgress,

    /// <summary>The gateway refused it (verified); nothing changed.</summary>
    Refused,

    /// <summary>No usable answer: the payment is as it was; a status query is booked.</summary>
    OutcomeUnknown,
}

public sealed record AuthorisationResult(AuthorisationStatus Status, PaymentData? Payment)
{
    public string GatewayCode { get; init; } = string.Empty;

    public string GatewayMessage { get; init; } = string.Empty;
}
