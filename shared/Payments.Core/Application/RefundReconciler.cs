using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Settles refunds from what the gateway says about them: a queued check of one refund runs
/// <c>queryRefund</c> (F10) and settles it, books its next check, or at the horizon flags it for a person.
/// A refund notice only makes that check run now (it is unsigned where it names the refund, so the query
/// proves it); an ARN notice attaches the acquirer reference. Every change goes through the payment's
/// aggregate and <see cref="PaymentWriter"/>; the steps a refund's check shares with a payment's (when it
/// runs, the query, the reschedule, the give-up) are <see cref="CheckChain"/>'s.
/// </summary>
public sealed partial class RefundReconciler(PaymentWriter writer, CheckChain chain, ReconcilePolicy policy, PaymentsTelemetry telemetry, TimeProvider clock, ILogger<RefundReconciler> logger)
{
    /// <summary>
    /// A queued check of one refund (<see cref="ReconcileRequest.RefundId"/>): one at a time per refund
    /// (a superseded booking is dropped), a refund query, then settle, or book the next check with
    /// backoff, or at the horizon flag it for a person.
    /// </summary>
    public async Task<ReconcileOutcome> CheckAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = PaymentLogScope.Begin(logger, request.OrderNumber, ("RefundId", request.RefundId ?? string.Empty), ("Attempt", request.Attempt));
        var refundId = request.RefundId!;
        var read = await writer.ReadAsync(request.OrderNumber, withRefunds: true, cancellationToken).ConfigureAwait(false);
        var refund = read?.Refunds.FirstOrDefault(r => r.RefundId == refundId);
        if (read is null || refund is not { Status: RefundStatus.Pending, NeedsReview: false })
        {
            return ReconcileOutcome.NothingToDo;
        }

        var payment = read.Stored.Data;
        var gatewayRefundId = refund.GatewayRefundId.Length > 0 ? refund.GatewayRefundId : refund.NoticedGatewayRefundId;
        // A refund the gateway never named (its answer was lost and no notice came) cannot be queried:
        // it waits for the notice, and goes to a person sooner than one the gateway took.
        var horizon = gatewayRefundId.Length > 0 ? policy.RefundHorizon : policy.Horizon;
        switch (CheckChain.Step(request, refund.NextCheckAt, refund.CreatedAt, horizon, clock.GetUtcNow()))
        {
            case CheckStep.Skip:
                return ReconcileOutcome.NothingToDo;
            case CheckStep.GiveUp:
                return AfterReview(await chain.GiveUpAsync(request, read, cancellationToken).ConfigureAwait(false), refundId, payment);
        }

        if (gatewayRefundId.Length == 0)
        {
            return await chain.RescheduleAsync(request, read, "awaiting-gateway-id", cancellationToken).ConfigureAwait(false);
        }

        var info = await chain.QueryRefundAsync(payment, gatewayRefundId, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            return await chain.RescheduleAsync(request, read, "query-failed", cancellationToken).ConfigureAwait(false);
        }

        if (!Describes(info, payment, refund, gatewayRefundId))
        {
            LogMismatch(gatewayRefundId);
            return await chain.RescheduleAsync(request, read, "query-mismatch", cancellationToken, learnt: p => p.ForgetNoticedRefundId(refundId)).ConfigureAwait(false);
        }

        if (info.Status == RefundStatus.Pending)
        {
            return await chain.RescheduleAsync(request, read, "still-pending", cancellationToken, info, p => p.NameRefund(refundId, gatewayRefundId)).ConfigureAwait(false);
        }

        var settled = await chain.DecideAsync(
            request,
            read,
            change =>
            {
                change.Payment.NameRefund(refundId, gatewayRefundId);
                return Settle(change, refundId, info.Status, info.RawStatus, info.Details, "query") ? ReconcileOutcome.Settled : ReconcileOutcome.NothingToDo;
            },
            cancellationToken).ConfigureAwait(false);
        if (settled == ReconcileOutcome.Settled)
        {
            (info.Status == RefundStatus.Succeeded ? telemetry.RefundsSucceeded : telemetry.RefundsFailed).Add(1);
            LogSettled(refundId, info.Status, "query", info.RawStatus);
        }

        return settled;
    }

    /// <summary>
    /// The sweep's safety net for a payment with open refunds: checks each pending refund now (a lost
    /// queue message, a crash before the enqueue). Keeps the payment's index row while any stays open.
    /// </summary>
    public async Task<ReconcileOutcome> SweepAsync(StoredPayment stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var refunds = await writer.ListRefundsAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false);
        var open = refunds.Where(r => r.Status == RefundStatus.Pending && !r.NeedsReview).ToList();
        if (open.Count == 0)
        {
            await writer.CloseIndexAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false);
            return ReconcileOutcome.NothingToDo;
        }

        var outcome = ReconcileOutcome.NothingToDo;
        foreach (var refund in open)
        {
            var checkedOutcome = await CheckAsync(new ReconcileRequest(stored.Data.OrderNumber, refund.CheckAttempt, "sweep") { RefundId = refund.RefundId }, cancellationToken).ConfigureAwait(false);
            outcome = checkedOutcome > outcome ? checkedOutcome : outcome;
        }

        return outcome;
    }

    /// <summary>A refund whose checks failed on every delivery (poison message): flagged for an operator,
    /// its amount kept reserved. False when there is no such pending refund.</summary>
    public async Task<bool> MarkForReviewAsync(string orderNumber, string refundId, CancellationToken cancellationToken)
    {
        using var scope = PaymentLogScope.Begin(logger, orderNumber, ("RefundId", refundId));
        var read = await writer.ReadAsync(orderNumber, withRefunds: true, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return false;
        }

        var outcome = await chain.GiveUpAsync(new ReconcileRequest(orderNumber, 0, "poison") { RefundId = refundId }, read, cancellationToken).ConfigureAwait(false);
        return AfterReview(outcome, refundId, read.Stored.Data) == ReconcileOutcome.GaveUp;
    }

    /// <summary>
    /// A verified <c>refund</c> / <c>partialRefund</c> notice: finds the refund it names (by the gateway's
    /// id, or, for a refund whose answer was lost, the oldest such refund of the same amount) and books its
    /// check for now, in one batch with the notice's record. <see cref="SaveOutcome.DuplicateRecord"/> when
    /// the notice was recorded before.
    /// </summary>
    public async Task<SaveOutcome> OnNoticeAsync(StoredPayment stored, BusinessNotice notice, PaymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(notice);
        var written = await writer.ChangeAsync(
            stored.Data.OrderNumber,
            change =>
            {
                var match = change.Payment.MatchRefundNotice(notice.Message["refund_id"], notice.Message["refund_amount"]);
                change.Payment.Touch(change.Now);
                if (match is { Status: RefundStatus.Pending })
                {
                    var due = change.Payment.NoticeRefund(match.RefundId, notice.Message["refund_id"], change.Now);
                    change.Schedule(new ReconcileRequest(notice.OrderNumber, due.CheckAttempt, "refund-notice") { DueAt = change.Now, RefundId = due.RefundId }, TimeSpan.Zero);
                }

                change.Record(record);
                change.Record(new RefundNoticeRecord(match?.RefundId ?? string.Empty, notice.Message["push_status"], match is not null));
                return match;
            },
            cancellationToken,
            read: stored,
            withRefunds: true).ConfigureAwait(false);
        if (written.Written && written.Decision is null)
        {
            LogUnmatchedNotice();
        }

        return Outcome(written);
    }

    /// <summary>A verified <c>ARN</c> notice: attaches the acquirer reference to the refund it names.</summary>
    public async Task<SaveOutcome> OnArnAsync(StoredPayment stored, BusinessNotice notice, PaymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(notice);
        var arn = notice.Message["arn"];
        var written = await writer.ChangeAsync(
            stored.Data.OrderNumber,
            change =>
            {
                var refund = change.Payment.AttachRefundArn(notice.Message["refund_id"], arn, change.Now);
                change.Record(record);
                change.Record(new RefundArnRecord(refund?.RefundId ?? string.Empty, refund is null ? string.Empty : arn));
                return refund;
            },
            cancellationToken,
            read: stored,
            withRefunds: true).ConfigureAwait(false);
        return Outcome(written);
    }

    /// <summary>
    /// Settles a pending refund of the payment being changed through the transition table, with its audit
    /// record; the index row goes once no refund is open. False when the refund was not pending.
    /// </summary>
    internal static bool Settle(PaymentChange change, string refundId, RefundStatus target, string code, string details, string source)
    {
        if (!change.Payment.SettleRefund(refundId, target, code, details, change.Now).Changed)
        {
            return false;
        }

        change.Record(new RefundSettledRecord(RefundView.StatusName(target), refundId, source, code, details));
        if (change.Payment.Data.OpenRefunds == 0)
        {
            change.CloseIndex();
        }

        return true;
    }

    private static SaveOutcome Outcome<T>(PaymentWrite<T> written) => written.Status switch
    {
        WriteStatus.Missing => throw new InvalidOperationException("The payment disappeared."),
        WriteStatus.Duplicate => SaveOutcome.DuplicateRecord,
        _ => SaveOutcome.Saved,
    };

    private ReconcileOutcome AfterReview(ReconcileOutcome outcome, string refundId, PaymentData payment)
    {
        if (outcome == ReconcileOutcome.GaveUp)
        {
            telemetry.RefundsInReview.Add(1);
            LogReview(refundId, payment.PaymentId, payment.OrderNumber);
        }

        return outcome;
    }

    private static bool Describes(RefundInfo info, PaymentData payment, RefundData refund, string gatewayRefundId)
        => info.GatewayRefundId == gatewayRefundId
            && info.PaymentId == payment.ChargePaymentIdOf(refund)
            && info.OrderNumber == payment.ChargeOrderNumberOf(refund)
            && info.Amount == refund.Amount;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security: the refund query for gateway refund {GatewayRefundId} does not describe this refund; the id is not trusted")]
    private partial void LogMismatch(string gatewayRefundId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A verified refund notice names no refund of this payment; recorded")]
    private partial void LogUnmatchedNotice();

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} {Status} (source {Source}, code {Code})")]
    private partial void LogSettled(string refundId, RefundStatus status, string source, string code);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Error, Message = "Refund {RefundId} of payment {PaymentId} (order {OrderNumber}) has no final result by its horizon: an operator must look")]
    private partial void LogReview(string refundId, string paymentId, string orderNumber);
}
