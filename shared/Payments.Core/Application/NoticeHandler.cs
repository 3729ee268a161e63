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
/// the caller answers <c>receive-ok</c>. A notice that cannot be verified changes nothing; it
/// leaves a security event and, when the order exists and is still open, a status check, so a
/// genuine notice we failed to verify is never lost.
/// </summary>
public sealed partial class NoticeHandler(
    MessageVerifier verifier,
    ResultApplier applier,
    IPaymentStore store,
    IReconcileScheduler scheduler,
    ReconcilePolicy policy,
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
        using var scope = PaymentLogScope.Begin(logger, message["order_number"]);
        var isPaymentResult = NoticeKind.IsPaymentResult(message["notice_type"]);
        var kind = isPaymentResult ? SignatureKind.Result : SignatureKind.BusinessNotice;
        var verification = await verifier.VerifyAsync(kind, message, cancellationToken).ConfigureAwait(false);
        if (verification != VerificationOutcome.Verified)
        {
            await RecordRejectionAsync(message, verification, cancellationToken).ConfigureAwait(false);
            return NoticeOutcome.Rejected;
        }

        var record = PaymentRecords.Notice(message, clock.GetUtcNow());
        if (!isPaymentResult)
        {
            // Refunds, chargebacks and disputes come after the payment: kept beside it, never applied
            // as payment results.
            var written = await store.AddRecordsAsync(message["order_number"], [record], cancellationToken).ConfigureAwait(false);
            return Count(written == SaveOutcome.DuplicateRecord ? NoticeOutcome.Duplicate : NoticeOutcome.Accepted);
        }

        var applied = await applier.ApplyAsync(GatewayFacts.From(PaymentResult.From(message, ResultSource.Notice)), record, cancellationToken).ConfigureAwait(false);
        return Count(applied.Status == ApplyStatus.Duplicate ? NoticeOutcome.Duplicate : NoticeOutcome.Accepted);
    }

    private NoticeOutcome Count(NoticeOutcome outcome)
    {
        (outcome == NoticeOutcome.Duplicate ? telemetry.NoticesDuplicate : telemetry.NoticesAccepted).Add(1);
        return outcome;
    }

    private async Task RecordRejectionAsync(GatewayMessage message, VerificationOutcome verification, CancellationToken cancellationToken)
    {
        telemetry.NoticesRejected.Add(1);
        LogRejected(verification);
        var orderNumber = message["order_number"];
        if (!RequestValidator.IsOrderNumber(orderNumber))
        {
            return;
        }

        var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await store.AddRecordsAsync(orderNumber, [PaymentRecords.Event("security", now, ("what", "notice-" + verification), ("terminal", Printable(message["terminal"])))], cancellationToken).ConfigureAwait(false);
        if (!PaymentStateMachine.IsFinal(stored.Data.Status))
        {
            await scheduler.ScheduleAsync(new ReconcileRequest(orderNumber, 0, "unverified-notice"), policy.DelayFor(0), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Printable(string value) => new(value.Take(12).Where(char.IsAsciiDigit).ToArray());

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
