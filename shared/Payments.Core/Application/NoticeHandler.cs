using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Oceanpayment's server notices: verify, then record and apply in one conditional write before
/// the caller answers <c>receive-ok</c>. The order's one read serves both the verification (the
/// echoed values a signature alone cannot fix) and the apply. A notice that cannot be verified
/// changes nothing: it raises the order's hourly security count and, when the order still awaits
/// the gateway, asks for a status check (coalesced: at most one booked per payment), so a genuine
/// notice we failed to verify is never lost and a flood of forged ones costs nearly nothing.
/// </summary>
public sealed partial class NoticeHandler(
    MessageVerifier verifier,
    ResultApplier applier,
    IPaymentStore store,
    PaymentWriter writer,
    RefundReconciler refunds,
    PaymentsTelemetry telemetry,
    TimeProvider clock,
    ILogger<NoticeHandler> logger)
{
    /// <summary>The only answer Oceanpayment takes as delivered.</summary>
    public const string Acknowledgement = "receive-ok";

    public async Task<NoticeOutcome> HandleAsync(byte[] body, CancellationToken cancellationToken)
    {
        var parsed = GatewayXml.ParseMessage(body);
        if (!parsed.Succeeded)
        {
            telemetry.NoticesRejected.Add(1);
            LogUnreadable(parsed.Error);
            return NoticeOutcome.Rejected;
        }

        var message = parsed.Value;
        var orderNumber = message["order_number"];
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        var isPaymentResult = NoticeKind.IsPaymentResult(message["notice_type"]);
        var kind = isPaymentResult ? SignatureKind.Result : SignatureKind.BusinessNotice;
        var stored = RequestValidator.IsOrderNumber(orderNumber)
            ? await store.FindAsync(PaymentAttempts.PaymentOrderOf(orderNumber), cancellationToken).ConfigureAwait(false)
            : null;
        var known = stored?.KnownFor(orderNumber);
        var verification = await verifier.VerifyAsync(kind, message, known, cancellationToken).ConfigureAwait(false);
        if (verification != VerificationOutcome.Verified)
        {
            telemetry.NoticesRejected.Add(1);
            LogRejected(verification);
            await RecordRejectionAsync(stored, kind, message, known, verification, cancellationToken).ConfigureAwait(false);
            return NoticeOutcome.Rejected;
        }

        if (!isPaymentResult)
        {
            // Refunds, chargebacks and disputes come after the payment: never applied as payment results.
            var written = await ApplyBusinessAsync(stored, BusinessNotice.From(message), cancellationToken).ConfigureAwait(false);
            return Count(written == SaveOutcome.DuplicateRecord ? NoticeOutcome.Duplicate : NoticeOutcome.Accepted);
        }

        var record = PaymentRecords.Notice(message, clock.GetUtcNow());
        var applied = await applier.ApplyAsync(GatewayFacts.From(PaymentResult.From(message, ResultSource.Notice)), record, cancellationToken, read: stored).ConfigureAwait(false);
        return Count(applied.Status == ApplyStatus.Duplicate ? NoticeOutcome.Duplicate : NoticeOutcome.Accepted);
    }

    // A verified business notice, routed by its (unsigned) type. Refund notices only make the refund's
    // check run now; dispute and risk notices change the payment's dispute and flags, never its status.
    private async Task<SaveOutcome> ApplyBusinessAsync(StoredPayment? stored, BusinessNotice notice, CancellationToken cancellationToken)
    {
        var record = PaymentRecords.BusinessNotice(notice.Message, clock.GetUtcNow());
        if (stored is null)
        {
            LogBusinessForUnknownOrder(notice.NoticeType);
            return await store.AddRecordsAsync(notice.OrderNumber, [record], cancellationToken).ConfigureAwait(false);
        }

        if (NoticeKind.IsRefund(notice.NoticeType))
        {
            return await refunds.OnNoticeAsync(stored, notice, record, cancellationToken).ConfigureAwait(false);
        }

        if (notice.NoticeType == NoticeKind.Arn)
        {
            return await refunds.OnArnAsync(stored, notice, record, cancellationToken).ConfigureAwait(false);
        }

        var written = await writer.ChangeAsync(
            stored.Data.OrderNumber,
            change =>
            {
                var payment = change.Payment;
                var changed = payment.ApplyBusinessNotice(new DisputeNotice(notice.NoticeType, notice.PushStatus, notice.PushId, notice.PushDetails, notice.PushedAt ?? change.Now), change.Now);
                payment.Touch(change.Now);
                change.Record(record);
                change.Record(new BusinessNoticeRecord(notice.NoticeType, notice.Message["push_status"], changed ?? "none"));
                return changed;
            },
            cancellationToken,
            read: stored).ConfigureAwait(false);
        switch (written.Status)
        {
            case WriteStatus.Missing:
                throw new InvalidOperationException("The payment disappeared.");
            case WriteStatus.Duplicate:
                return SaveOutcome.DuplicateRecord;
        }

        if (written.Decision is { } what)
        {
            if (what.StartsWith("dispute-opened", StringComparison.Ordinal))
            {
                telemetry.DisputesOpened.Add(1);
            }

            LogBusinessChange(notice.NoticeType, what);
        }

        return SaveOutcome.Saved;
    }

    private NoticeOutcome Count(NoticeOutcome outcome)
    {
        (outcome == NoticeOutcome.Duplicate ? telemetry.NoticesDuplicate : telemetry.NoticesAccepted).Add(1);
        return outcome;
    }

    private async Task RecordRejectionAsync(StoredPayment? stored, SignatureKind kind, GatewayMessage message, KnownValues? known, VerificationOutcome verification, CancellationToken cancellationToken)
    {
        // Nothing is written for an order this app does not know: an anonymous caller cannot grow storage.
        if (stored is null)
        {
            return;
        }

        await store.CountEventAsync(stored.Data.OrderNumber, SecurityEvents.Hourly(clock.GetUtcNow()), SecurityEvents.What("notice", kind, message, known, verification), cancellationToken)
            .ConfigureAwait(false);
        await writer.ChangeAsync(stored.Data.OrderNumber, change => change.BookFirstCheck("unverified-notice"), cancellationToken, read: stored).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A verified {NoticeType} notice names an order this app does not know; kept aside")]
    private partial void LogBusinessForUnknownOrder(string noticeType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Business notice {NoticeType}: {Change}")]
    private partial void LogBusinessChange(string noticeType, string change);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice rejected: unreadable ({Reason})")]
    private partial void LogUnreadable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security: notice rejected ({Verification}); nothing changed")]
    private partial void LogRejected(VerificationOutcome verification);
}

public enum NoticeOutcome
{
    Accepted,
    Duplicate,

    /// <summary>Unreadable or unverified: nothing changed. Still answered <c>receive-ok</c>, as
    /// Oceanpayment's docs ask, since a retry of the same bytes cannot verify either.</summary>
    Rejected,
}
