using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;

namespace Payments.Functions;

/// <summary>
/// The safety net behind the reconcile queue: every 5 minutes, open payments whose next check is
/// overdue (found through the open-payment index, never a table scan) are reconciled in batches.
/// </summary>
public sealed class ReconcileSweepFunction(ReconcileSweepHandler handler)
{
    public const string Name = "ReconcileSweep";

    // Six-field CRON (seconds first). Not RunOnStartup: a cold start must not add a burst of queries.
    public const string Schedule = "0 */5 * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
        => await handler.SweepAsync(cancellationToken);
}
