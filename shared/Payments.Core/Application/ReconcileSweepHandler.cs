using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Application;

/// <summary>
/// The safety net behind the reconcile queue: finds open payments whose next check is overdue (a
/// crash between the write and the enqueue, a lost message) through the open-payment index, and
/// reconciles them in status queries of up to 100 order numbers. Each payment it finds still open
/// gets a new chain of queued checks.
/// </summary>
public sealed partial class ReconcileSweepHandler(
    IOpenPaymentIndex openPayments,
    ReconcileHandler reconciler,
    ReconcilePolicy policy,
    TimeProvider clock,
    ILogger<ReconcileSweepHandler> logger)
{
    public async Task<ReconcileSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var due = await openPayments.ListDueAsync(clock.GetUtcNow(), policy.SweepLimit, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<ReconcileOutcome, int>();
        var failed = 0;
        foreach (var terminal in due.GroupBy(e => (e.Account, e.Terminal)))
        {
            foreach (var block in terminal.Chunk(GatewayRequests.MaxOrdersPerQuery))
            {
                try
                {
                    var outcomes = await reconciler.HandleBatchAsync([.. block.Select(e => new ReconcileRequest(e.OrderNumber, e.Attempt, ReconcileHandler.SweepReason))], cancellationToken)
                        .ConfigureAwait(false);
                    foreach (var outcome in outcomes)
                    {
                        counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One broken terminal (say, a missing secure code) must not stop the others; its rows stay due.
                    failed += block.Length;
                    LogBlockFailed(exception, terminal.Key.Terminal, block.Length);
                }
            }
        }

        var result = new ReconcileSweepResult(
            due.Count,
            counts.GetValueOrDefault(ReconcileOutcome.Settled),
            counts.GetValueOrDefault(ReconcileOutcome.Rescheduled),
            counts.GetValueOrDefault(ReconcileOutcome.GaveUp),
            counts.GetValueOrDefault(ReconcileOutcome.NothingToDo),
            failed);
        if (due.Count > 0)
        {
            LogSwept(result.Due, result.Settled, result.Rescheduled, result.GaveUp, result.NothingToDo, result.Failed);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep: reconciling {Count} payments of terminal {Terminal} failed; they stay due")]
    private partial void LogBlockFailed(Exception exception, string terminal, int count);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Sweep found {Due} overdue open payments: {Settled} settled, {Rescheduled} rescheduled, {GaveUp} to review, {NothingToDo} already closed, {Failed} failed")]
    private partial void LogSwept(int due, int settled, int rescheduled, int gaveUp, int nothingToDo, int failed);
}

/// <summary>What one sweep run found and did.</summary>
public sealed record ReconcileSweepResult(int Due, int Settled, int Rescheduled, int GaveUp, int NothingToDo, int Failed);
