using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Infrastructure.Storage;

namespace Payments.Functions;

/// <summary>A reconcile message that failed every delivery: the payment goes to review, so nothing disappears silently.</summary>
public sealed class ReconcilePoisonFunction(ReviewHandler handler)
{
    [Function("ReconcilePoison")]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ReconcilePoisonQueueSetting, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (ReconcileMessage.TryParse(message, out var parsed))
        {
            await handler.MarkForReviewAsync(parsed.OrderNumber, "Reconciliation failed on every attempt (poison message).", cancellationToken);
        }
        else
        {
            handler.LogUnreadablePoison();
        }
    }
}
