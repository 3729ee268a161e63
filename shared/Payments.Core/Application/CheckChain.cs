using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The chain of status checks that a payment, or one of its refunds, goes through while its result is not
/// final. A payment's checks (<see cref="ReconcileHandler"/>) and a refund's (<see cref="RefundReconciler"/>)
/// take their shared steps from here; what each learns from the gateway's answer stays with its reconciler.
/// <list type="bullet">
/// <item><see cref="Step"/>: whether a due check runs: dropped when a later booking replaced it, given up at the horizon, or a query.</item>
/// <item><see cref="QueryPaymentsAsync"/>, <see cref="QueryRefundAsync"/>: the terminal's secure code, the signed query, the answer read; null when the gateway gave none.</item>
/// <item><see cref="DecideAsync"/>: a write through <see cref="PaymentWriter"/> that runs the decision only while the subject still awaits this check.</item>
/// <item><see cref="RescheduleAsync"/>: the successor booked with backoff, the index row moved past it, queued after the write.</item>
/// <item><see cref="GiveUpAsync"/>: the payment to review, or the refund flagged for a person.</item>
/// </list>
/// </summary>
public sealed partial class CheckChain(PaymentWriter writer, IOceanpaymentClient gateway, ISecureCodeSource secureCodes, PaymentsTelemetry telemetry, ILogger<CheckChain> logger)
{
    /// <summary>
    /// What a due check does: <see cref="CheckStep.Skip"/> when another booking (<paramref name="booked"/>)
    /// replaced it and is still ahead, <see cref="CheckStep.GiveUp"/> once <paramref name="horizon"/> (none:
    /// never) has passed since <paramref name="startedAt"/>, otherwise <see cref="CheckStep.Query"/>.
    /// </summary>
    public static CheckStep Step(ReconcileRequest due, DateTimeOffset? booked, DateTimeOffset startedAt, TimeSpan? horizon, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (Payment.IsStale(due.DueAt, booked, now))
        {
            return CheckStep.Skip;
        }

        return horizon is { } limit && now - startedAt >= limit ? CheckStep.GiveUp : CheckStep.Query;
    }

    /// <summary>
    /// Runs <paramref name="decide"/> through the writer on the payment as <paramref name="read"/> (read
    /// anew after a conflict), but only while the check's subject still awaits a check: a payment that
    /// another path settled leaves the chain (and its index row, unless the row watches open refunds), and
    /// so does a refund no longer pending. The payment's refunds are loaded for a refund's check.
    /// </summary>
    public async Task<ReconcileOutcome> DecideAsync(ReconcileRequest due, PaymentRead? read, Func<PaymentChange, ReconcileOutcome> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(decide);
        var written = await writer.ChangeAsync(
            due.OrderNumber,
            change =>
            {
                if (AwaitsCheck(change, due))
                {
                    return decide(change);
                }

                if (due.RefundId is null && change.Read.OpenRefunds == 0)
                {
                    change.CloseIndex();
                }

                return ReconcileOutcome.NothingToDo;
            },
            cancellationToken,
            read?.Stored,
            withRefunds: due.RefundId is not null,
            readRefunds: read?.Refunds).ConfigureAwait(false);
        return written.Status == WriteStatus.Missing ? ReconcileOutcome.NothingToDo : written.Decision;
    }

    /// <summary>
    /// Books the check after <paramref name="due"/> (reason <paramref name="reason"/>), after what this check
    /// learnt (<paramref name="learnt"/>, a change through the aggregate; <paramref name="info"/>, the
    /// gateway's last word on a refund).
    /// </summary>
    public Task<ReconcileOutcome> RescheduleAsync(ReconcileRequest due, PaymentRead? read, string reason, CancellationToken cancellationToken, RefundInfo? info = null, Action<Payment>? learnt = null)
    {
        ArgumentNullException.ThrowIfNull(due);
        return DecideAsync(
            due,
            read,
            change =>
            {
                learnt?.Invoke(change.Payment);
                return change.BookNext(due.Next(reason), info);
            },
            cancellationToken);
    }

    /// <summary>
    /// The end of the chain without a final result: a payment still open goes to review (one that changed
    /// under the check gets the next check instead), a pending refund is flagged for a person with its
    /// amount kept reserved. <see cref="ReconcileOutcome.GaveUp"/> when this write did it.
    /// </summary>
    public Task<ReconcileOutcome> GiveUpAsync(ReconcileRequest due, PaymentRead? read, CancellationToken cancellationToken)
        => DecideAsync(due, read, change => GiveUp(change, due), cancellationToken);

    /// <summary>Asks the gateway (<c>check/normal</c>) about up to <see cref="GatewayRequests.MaxOrdersPerQuery"/> orders of one terminal; null when it gave no answer.</summary>
    public async Task<QueryAnswer?> QueryPaymentsAsync(string account, string terminal, IReadOnlyList<string> orderNumbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderNumbers);
        var secureCode = await secureCodes.RequireAsync(new TerminalKey(account, terminal), cancellationToken).ConfigureAwait(false);
        telemetry.ReconcileAttempts.Add(1);
        var call = await gateway.QueryAsync(GatewayRequests.Query(account, terminal, orderNumbers, secureCode), cancellationToken).ConfigureAwait(false);
        var answer = call.Answered ? QueryAnswer.Parse(call.Body!) : default;
        if (!call.Answered || !answer.Succeeded)
        {
            LogQueryFailed(orderNumbers.Count, call.Failure ?? answer.Error ?? "unknown");
            return null;
        }

        return answer.Value;
    }

    /// <summary>Asks the gateway (<c>queryRefund</c>) about one refund of <paramref name="payment"/>; null when it gave no answer or refused.</summary>
    public async Task<RefundInfo?> QueryRefundAsync(PaymentData payment, string gatewayRefundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var secureCode = await secureCodes.RequireAsync(new TerminalKey(payment.Account, payment.Terminal), cancellationToken).ConfigureAwait(false);
        var call = await gateway.RefundQueryAsync(GatewayRequests.RefundQuery(payment.Account, payment.Terminal, gatewayRefundId, secureCode), cancellationToken).ConfigureAwait(false);
        var answer = call.Answered ? RefundQueryAnswer.Parse(call.Body!) : null;
        if (answer?.Refund is null)
        {
            LogRefundQueryFailed(call.Failure ?? (answer is null ? "unreadable answer" : "refused: " + answer.RefusalDetails));
            return null;
        }

        return answer.Refund;
    }

    private static bool AwaitsCheck(PaymentChange change, ReconcileRequest due) => due.RefundId is { } refundId
        ? change.Payment.FindRefund(refundId) is { Status: RefundStatus.Pending }
        : change.Payment.AwaitsStatusCheck;

    private static ReconcileOutcome GiveUp(PaymentChange change, ReconcileRequest due)
    {
        if (due.RefundId is { } refundId)
        {
            if (change.Payment.FindRefund(refundId) is not { NeedsReview: false } refund)
            {
                return ReconcileOutcome.NothingToDo;
            }

            change.Payment.FlagRefundForReview(refundId, change.Now);
            change.Record(new RefundReviewRecord(refundId, refund.AnswerLost));
            return ReconcileOutcome.GaveUp;
        }

        if (!PaymentStateMachine.IsOpen(change.Payment.Status))
        {
            // It changed under us (a notice, most likely) and still awaits a check: the next check sees the new state.
            return change.BookNext(due.Next("changed"));
        }

        var transition = change.Payment.MarkForReview("No final result from the gateway by the reconciliation horizon.", change.Now);
        if (transition.Kind != TransitionKind.SentToReview)
        {
            return ReconcileOutcome.NothingToDo;
        }

        change.Record(new HorizonRecord());
        change.CloseIndex();
        return ReconcileOutcome.GaveUp;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status query for {Count} payments failed: {Reason}; will try again")]
    private partial void LogQueryFailed(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund query failed: {Reason}; will try again")]
    private partial void LogRefundQueryFailed(string reason);
}

/// <summary>What a due check does (<see cref="CheckChain.Step"/>).</summary>
public enum CheckStep
{
    /// <summary>Another booking replaced it and is still ahead: one check at a time.</summary>
    Skip,

    /// <summary>The horizon has passed: the chain ends without a final result.</summary>
    GiveUp,

    /// <summary>Ask the gateway.</summary>
    Query,
}
