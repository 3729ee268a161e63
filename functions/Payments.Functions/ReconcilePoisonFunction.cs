using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Payments.Core.Application;
using Payments.Infrastructure.Storage;

namespace Payments.Functions;

/// <summary>A reconcile message that failed every delivery: the payment (or, for a refund's check, the
/// refund) goes to review, so nothing disappears silently.</summary>
public sealed partial class ReconcilePoisonFunction(ReviewHandler handler, RefundReconciler refunds, ILogger<ReconcilePoisonFunction> logger)
{
    /// <summary>Logged once per poison message; the poison-message alert in infra-bicep/monitoring.bicep counts it.</summary>
    public const int PoisonEventId = 9004;

    [Function("ReconcilePoison")]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ReconcilePoisonQueueSetting, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (ReconcileMessage.TryParse(message, out var parsed) && parsed.RefundId is { } refundId)
        {
            LogPoison(parsed.OrderNumber);
            await refunds.MarkForReviewAsync(parsed.OrderNumber, refundId, cancellationToken);
        }
        else if (parsed is not null)
        {
            LogPoison(parsed.OrderNumber);
            await handler.MarkForReviewAsync(parsed.OrderNumber, "Reconciliation failed on every attempt (poison message).", cancellationToken);
        }
        else
        {
            LogPoison("(unreadable message)");
            handler.LogUnreadablePoison();
        }
    }

    [LoggerMessage(EventId = PoisonEventId, Level = LogLevel.Error, Message = "A reconcile message for order {OrderNumber} reached the poison queue after every delivery failed")]
    private partial void LogPoison(string orderNumber);
}
