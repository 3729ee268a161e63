using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Budgets;
using Payments.Infrastructure.Storage;

namespace Payments.Functions;

/// <summary>Reconciles one payment per queue message. "Still pending" schedules the next message; it does not throw.</summary>
public sealed class ReconcileFunction(ReconcileHandler handler, OperationBudgets budgets)
{
    [Function("ReconcilePayment")]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ReconcileQueueSetting, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (!ReconcileMessage.TryParse(message, out var parsed))
        {
            // Retrying cannot make it readable: let it reach the poison queue, where it is logged.
            throw new FormatException("The reconcile message is not readable.");
        }

        // Past the budget the message throws and is delivered again after the visibility timeout.
        await budgets.RunAsync("reconcile check", budgets.Reconcile, cancellationToken, token => handler.HandleAsync(parsed.ToRequest(), token));
    }
}
