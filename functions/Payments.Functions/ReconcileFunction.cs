using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Infrastructure.Storage;

namespace Payments.Functions;

/// <summary>Reconciles one payment per queue message. "Still pending" schedules the next message; it does not throw.</summary>
public sealed class ReconcileFunction(ReconcileHandler handler)
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

        await handler.HandleAsync(parsed.ToRequest(), cancellationToken);
    }
}
