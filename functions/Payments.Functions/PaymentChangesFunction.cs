using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Payments.Core.Events;
using Payments.Functions.Budgets;
using Payments.Infrastructure.Storage;

namespace Payments.Functions;

/// <summary>
/// Projects one signalled change (list index, events feed, webhook delivery). A change not in storage
/// yet is looked for again a few times, then dropped: its write failed, and whatever won instead
/// signalled its own change. A failure throws, so the queue delivers the message again.
/// </summary>
public sealed partial class PaymentChangesFunction(ChangeProjector projector, QueueChangeSignal signal, OperationBudgets budgets, ILogger<PaymentChangesFunction> logger)
{
    /// <summary>Logged when a change message failed every delivery and is sent round again (see the poison function).</summary>
    public const int PoisonEventId = 9008;

    [Function("ProjectPaymentChange")]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ChangesQueueSetting, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (!ChangeMessage.TryParse(message, out var parsed))
        {
            throw new FormatException("The payment-change message is not readable.");
        }

        var outcome = await budgets.RunAsync(
            "change projection",
            budgets.Reconcile,
            cancellationToken,
            token => projector.ProjectAsync(parsed.OrderNumber, parsed.Sequence, token),
            () => throw new TimeoutException("The change projection did not finish within its budget."));
        if (outcome == ProjectionOutcome.NotYet && !await signal.RetryAsync(parsed, cancellationToken))
        {
            LogNeverWritten(parsed.OrderNumber, parsed.Sequence);
        }
    }

    /// <summary>
    /// A change message that failed every delivery (storage down for minutes, say) goes round again in
    /// ten minutes, so no change is ever left unprojected; each round logs an error the poison alert counts.
    /// </summary>
    [Function("ProjectPaymentChangePoison")]
    public async Task RunPoisonAsync(
        [QueueTrigger(StorageNames.ChangesQueueSetting + "-poison", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (!ChangeMessage.TryParse(message, out var parsed))
        {
            LogPoison("(unreadable message)");
            return;
        }

        LogPoison(parsed.OrderNumber);
        await signal.SendAgainAsync(parsed, PoisonRetryDelay, cancellationToken);
    }

    public static readonly TimeSpan PoisonRetryDelay = TimeSpan.FromMinutes(10);

    [LoggerMessage(EventId = 9009, Level = LogLevel.Debug, Message = "Change {Sequence} of order {OrderNumber} was never written; the signal is dropped")]
    private partial void LogNeverWritten(string orderNumber, long sequence);

    [LoggerMessage(EventId = PoisonEventId, Level = LogLevel.Error, Message = "A payment-change message for order {OrderNumber} failed every delivery; it goes round again")]
    private partial void LogPoison(string orderNumber);
}
