using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Infrastructure.Storage;

namespace Payments.Functions;

/// <summary>A reconcile message that failed every delivery: the payment (or, for a refund's check, the
/// refund) goes to review, so nothing disappears silently.</summary>
public sealed class ReconcilePoisonFunction(ReviewHandler handler, RefundHandler refunds)
{
    [Function("ReconcilePoison")]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ReconcilePoisonQueueSetting, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (ReconcileMessage.TryParse(message, out var parsed) && parsed.RefundId is { } refundId)
        {
            await refunds.MarkForReviewAsync(parsed.OrderNumber, refundId, cancellationToken);
        }
        else if (parsed is not null)
        {
            await handler.MarkForReviewAsync(parsed.OrderNumber, "Reconciliation failed on every attempt (poison message).", cancellationToken);
        }
        else
        {
            handler.LogUnreadablePoison();
        }
    }
}
