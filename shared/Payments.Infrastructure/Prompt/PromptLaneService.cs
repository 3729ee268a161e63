using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Infrastructure.Prompt;

/// <summary>
/// Takes the work of a <see cref="PromptLane{T}"/> with a few workers while the app runs. A failure is
/// logged and left to the item's queued message, which the queue trigger handles after its delay.
/// </summary>
public abstract partial class PromptLaneService<T>(PromptLane<T> lane, int workers, ILogger logger) : BackgroundService
{
    protected abstract string LaneName { get; }

    /// <summary>Does the item's work, then deletes its queued message.</summary>
    protected abstract Task HandleAsync(T item, CancellationToken cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lane.Open();
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lane.Close();
        return base.StopAsync(cancellationToken);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in lane.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await HandleAsync(item, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(LaneName, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left in the lane is done by the queued messages.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prompt {Lane} failed ({ErrorType}); its queued message will do it")]
    private partial void LogFailed(string lane, string errorType);
}
