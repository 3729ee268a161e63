using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Reconciles payments that are not final by asking the gateway (<c>check/normal</c>) and applying
/// the answer through the same path as notices. "Still pending" schedules the next check instead of
/// failing the message; at the horizon the payment goes to review. One queue message and one sweep
/// run take the same path: the sweep only passes more payments, which share status queries (one per
/// terminal and <see cref="GatewayRequests.MaxOrdersPerQuery"/> order numbers). The steps it shares with
/// a refund's checks (when a check runs, the query, the reschedule, the give-up) are <see cref="CheckChain"/>'s.
/// </summary>
public sealed partial class ReconcileHandler(
    PaymentWriter writer,
    CheckChain chain,
    ResultApplier applier,
    RefundReconciler refunds,
    ReconcilePolicy policy,
    PaymentsTelemetry telemetry,
    TimeProvider clock,
    ILogger<ReconcileHandler> logger)
{
    /// <summary>The reason the sweep gives its checks.</summary>
    public const string SweepReason = "sweep";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _liveChecks = new(StringComparer.Ordinal);

    public async Task<ReconcileOutcome> HandleAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var outcomes = await HandleBatchAsync([request], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <summary>Reconciles several payments; the outcomes are in the order of <paramref name="requests"/>.</summary>
    public async Task<IReadOnlyList<ReconcileOutcome>> HandleBatchAsync(IReadOnlyList<ReconcileRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var outcomes = new ReconcileOutcome[requests.Count];
        var toQuery = new List<DueCheck>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            using var scope = BeginScope(requests[i]);
            if (requests[i].RefundId is not null)
            {
                // A refund's check: the same queue and the same one-at-a-time rule, its own query.
                outcomes[i] = await refunds.CheckAsync(requests[i], cancellationToken).ConfigureAwait(false);
                continue;
            }

            var read = await writer.ReadAsync(requests[i].OrderNumber, withRefunds: false, cancellationToken).ConfigureAwait(false);
            var stored = read?.Stored;
            var payment = stored is null ? null : new Payment(stored.Data);
            if (payment is not null && !payment.AwaitsStatusCheck && stored!.Data.OpenRefunds > 0)
            {
                // The index row now watches the payment's open refunds: the sweep checks them, other checks leave it.
                outcomes[i] = requests[i].Reason == SweepReason
                    ? await refunds.SweepAsync(stored, cancellationToken).ConfigureAwait(false)
                    : ReconcileOutcome.NothingToDo;
            }
            else if (payment is null || !payment.AwaitsStatusCheck)
            {
                // A stale index row (the payment settled through another path) is cleared here.
                await writer.CloseIndexAsync(requests[i].OrderNumber, cancellationToken).ConfigureAwait(false);
                outcomes[i] = ReconcileOutcome.NothingToDo;
            }
            else
            {
                // Only an open payment has a horizon: a settled one awaiting a check (a doubt) waits for its grace.
                var horizon = PaymentStateMachine.IsOpen(payment.Status) ? policy.Horizon : (TimeSpan?)null;
                switch (CheckChain.Step(requests[i], payment.Data.NextCheckAt, SentAt(stored!), horizon, clock.GetUtcNow()))
                {
                    case CheckStep.Skip:
                        outcomes[i] = ReconcileOutcome.NothingToDo;
                        break;
                    case CheckStep.GiveUp:
                        outcomes[i] = await GiveUpAsync(requests[i], read!, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        toQuery.Add(new DueCheck(i, requests[i], read!));
                        break;
                }
            }
        }

        // The query's account and terminal sign it, so one query serves one terminal.
        foreach (var terminal in toQuery.GroupBy(d => (d.Stored.Data.Account, d.Stored.Data.Terminal)))
        {
            foreach (var block in terminal.Chunk(GatewayRequests.MaxOrdersPerQuery))
            {
                var answer = await chain.QueryPaymentsAsync(terminal.Key.Account, terminal.Key.Terminal, [.. block.Select(d => d.Stored.Data.GatewayOrderNumber)], cancellationToken).ConfigureAwait(false);
                foreach (var due in block)
                {
                    using var scope = BeginScope(due.Request);
                    outcomes[due.Index] = await ApplyAsync(due, answer, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Asks the gateway about one payment now, because a shopper is waiting on the answer, and applies
    /// it through the same path as every result. At most one such query per payment per
    /// <see cref="ReconcilePolicy.LiveCheckInterval"/>, and bounded by <see cref="ReconcilePolicy.LiveCheckTimeout"/>.
    /// Null when no query was made or it did not answer in time; the booked checks go on either way.
    /// </summary>
    public async Task<PaymentData?> CheckNowAsync(StoredPayment stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var now = clock.GetUtcNow();
        if ((stored.Data.LastQueriedAt is { } last && now - last < policy.LiveCheckInterval) || !TryStartLiveCheck(stored.Data.OrderNumber, now))
        {
            return null;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(policy.LiveCheckTimeout);
        QueryAnswer? answer;
        try
        {
            answer = await chain.QueryPaymentsAsync(stored.Data.Account, stored.Data.Terminal, [stored.Data.GatewayOrderNumber], budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogLiveCheckTimedOut();
            return null;
        }

        var info = answer?.Pick(stored.Data.GatewayOrderNumber, stored.Data.GatewayPaymentId);
        if (info is null || info.PaymentId.Length == 0)
        {
            return null;
        }

        var facts = GatewayFacts.From(info, stored.Data.Account, stored.Data.Terminal);
        var applied = await applier.ApplyAsync(facts, new QueryRecord(info.RawResults, info.Details.Code, "live").ToRecord(clock.GetUtcNow()), cancellationToken, read: stored)
            .ConfigureAwait(false);
        return applied.Payment;
    }

    // The stored LastQueriedAt bounds live checks across instances once a query has answered; this
    // bounds them on one instance while the gateway does not answer at all.
    private bool TryStartLiveCheck(string orderNumber, DateTimeOffset now)
    {
        if (_liveChecks.Count > 10_000)
        {
            foreach (var (order, at) in _liveChecks)
            {
                if (now - at >= policy.LiveCheckInterval)
                {
                    _liveChecks.TryRemove(order, out _);
                }
            }
        }

        var started = _liveChecks.AddOrUpdate(orderNumber, now, (_, at) => now - at >= policy.LiveCheckInterval ? now : at);
        return started == now;
    }

    private async Task<ReconcileOutcome> ApplyAsync(DueCheck due, QueryAnswer? answer, CancellationToken cancellationToken)
    {
        var stored = due.Read.Stored;
        if (answer is null)
        {
            return await chain.RescheduleAsync(due.Request, due.Read, "query-failed", cancellationToken).ConfigureAwait(false);
        }

        var info = answer.Pick(stored.Data.GatewayOrderNumber, stored.Data.GatewayPaymentId);
        // A block without a payment id is the gateway saying it has no such order, not a failed payment.
        if (info is null || info.PaymentId.Length == 0)
        {
            return await NotFoundAsync(due.Request, due.Read, cancellationToken).ConfigureAwait(false);
        }

        var facts = GatewayFacts.From(info, stored.Data.Account, stored.Data.Terminal);
        // Still open after this result: its next check is booked in the result's batch, the index row moved past it, and queued.
        var applied = await applier.ApplyAsync(
            facts,
            new QueryRecord(info.RawResults, info.Details.Code).ToRecord(clock.GetUtcNow()),
            cancellationToken,
            read: stored,
            next: due.Request.Next("still-open")).ConfigureAwait(false);
        return new Payment(applied.Payment ?? stored.Data).AwaitsStatusCheck ? ReconcileOutcome.Rescheduled : ReconcileOutcome.Settled;
    }

    private async Task<ReconcileOutcome> NotFoundAsync(ReconcileRequest request, PaymentRead read, CancellationToken cancellationToken)
    {
        var outcome = await chain.DecideAsync(request, read, change =>
        {
            var payment = change.Payment;
            if (change.Now - SentAt(change.Read) < policy.NotFoundGracePeriod)
            {
                return change.BookNext(request.Next("not-found-yet"));
            }

            if (payment.SettleDoubtWithoutRecord(change.Now))
            {
                // Checked once more would find nothing again: without this the check repeated forever.
                change.Record(new QueryRecord("none", "no record of the order; the recorded state stands"));
                change.CloseIndex();
                return ReconcileOutcome.Settled;
            }

            if (payment.Status != PaymentStatus.Processing)
            {
                return change.BookNext(request.Next("not-found-yet"));
            }

            payment.MarkNotFoundAtGateway(change.Now);
            change.Record(new NotFoundRecord());
            change.CloseIndex();
            // Marks the failure for the counts below; the check itself reports it settled.
            return ReconcileOutcome.GaveUp;
        }, cancellationToken).ConfigureAwait(false);
        if (outcome != ReconcileOutcome.GaveUp)
        {
            return outcome;
        }

        telemetry.PaymentsFailed.Add(1);
        LogNotFound();
        return ReconcileOutcome.Settled;
    }

    private async Task<ReconcileOutcome> GiveUpAsync(ReconcileRequest request, PaymentRead read, CancellationToken cancellationToken)
    {
        var outcome = await chain.GiveUpAsync(request, read, cancellationToken).ConfigureAwait(false);
        if (outcome == ReconcileOutcome.GaveUp)
        {
            telemetry.ReconcileGiveUps.Add(1);
            telemetry.PaymentsInReview.Add(1);
            LogGaveUp(read.Stored.Data.PaymentId, read.Stored.Data.OrderNumber, policy.Horizon);
        }

        return outcome;
    }

    private static DateTimeOffset SentAt(StoredPayment stored) => SentAt(stored.Data);

    private static DateTimeOffset SentAt(PaymentData payment) => payment.SentAt ?? payment.CreatedAt;

    private IDisposable? BeginScope(ReconcileRequest request)
        => PaymentLogScope.Begin(logger, request.OrderNumber, ("Attempt", request.Attempt));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live status check timed out; the booked checks go on")]
    private partial void LogLiveCheckTimedOut();

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway has no record of the payment after the grace period: failed, not charged")]
    private partial void LogNotFound();

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Reconciliation gave up on payment {PaymentId} (order {OrderNumber}) after {Horizon}: sent to review")]
    private partial void LogGaveUp(string paymentId, string orderNumber, TimeSpan horizon);

    private sealed record DueCheck(int Index, ReconcileRequest Request, PaymentRead Read)
    {
        public StoredPayment Stored => Read.Stored;
    }
}

public enum ReconcileOutcome
{
    NothingToDo,
    Settled,
    Rescheduled,
    GaveUp,
}
