using Microsoft.Extensions.Logging;
using Payments.Core.Events;
using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Prompt;

/// <summary>
/// Projects each change committed in this process as soon as it is committed (list index, events feed,
/// webhook hand-off), then deletes the change's queued signal. A change not visible yet (a write whose
/// outcome was unknown) keeps its signal, which the queue's projector handles after its delay.
/// </summary>
public sealed class PromptProjectionService(PromptLane<ChangeSignal> lane, ChangeProjector projector, QueueChangeSignal signals, ILogger<PromptProjectionService> logger)
    : PromptLaneService<ChangeSignal>(lane, Workers, logger)
{
    /// <summary>Changes projected at once; each takes a handful of storage requests.</summary>
    public const int Workers = 8;

    protected override string LaneName => "change projection";

    protected override async Task HandleAsync(ChangeSignal item, CancellationToken cancellationToken)
    {
        if (await projector.ProjectAsync(item.OrderNumber, item.Sequence, cancellationToken).ConfigureAwait(false) != ProjectionOutcome.NotYet)
        {
            await signals.WithdrawAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }
}
