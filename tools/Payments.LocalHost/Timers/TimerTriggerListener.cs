using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.LocalHost.Discovery;
using Payments.LocalHost.Invocation;

namespace Payments.LocalHost.Timers;

/// <summary>
/// Runs one timer function on its schedule, one run at a time (a run that overlaps the next
/// occurrence makes the runner skip to the following one, flagged <c>IsPastDue</c> if late).
/// Uses the system clock on purpose: tests may replace the app's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TimerTriggerListener(
    LocalFunction function,
    TimerTriggerBinding trigger,
    FunctionInvoker invoker,
    IServiceScopeFactory scopes,
    ILogger logger)
{
    // The host flags a run as past due when it starts noticeably after its scheduled time.
    private static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public TimerSchedule Schedule { get; } = TimerSchedule.Parse(trigger.Schedule);

    public async Task RunAsync(CancellationToken stopping)
    {
        DateTimeOffset? last = null;
        if (trigger.RunOnStartup)
        {
            var now = DateTimeOffset.UtcNow;
            await InvokeAsync(last, now, isPastDue: false, "Timer fired at startup (RunOnStartup)", stopping).ConfigureAwait(false);
            last = now;
        }

        var next = Schedule.GetNextOccurrence(DateTimeOffset.UtcNow);
        while (!stopping.IsCancellationRequested)
        {
            Log.TimerScheduled(logger, function.Name, next);
            try
            {
                await DelayUntilAsync(next, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var isPastDue = DateTimeOffset.UtcNow - next > PastDueTolerance;
            await InvokeAsync(last, next, isPastDue, $"Timer fired at {next:O}", stopping).ConfigureAwait(false);
            last = next;
            next = Schedule.GetNextOccurrence(DateTimeOffset.UtcNow > next ? DateTimeOffset.UtcNow : next);
        }
    }

    /// <summary>Runs the function now (waiting for a run in progress), as the host's admin API does.</summary>
    public Task RunNowAsync(CancellationToken cancellationToken)
        => InvokeAsync(null, DateTimeOffset.UtcNow, isPastDue: false, "Timer run on request", cancellationToken, rethrow: true);

    private async Task InvokeAsync(DateTimeOffset? last, DateTimeOffset scheduled, bool isPastDue, string reason, CancellationToken cancellationToken, bool rethrow = false)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = new TimerInfo
            {
                IsPastDue = isPastDue,
                ScheduleStatus = new ScheduleStatus
                {
                    Last = (last ?? default).UtcDateTime,
                    Next = Schedule.GetNextOccurrence(scheduled).UtcDateTime,
                    LastUpdated = DateTime.UtcNow,
                },
            };
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await invoker.InvokeAsync(
                    function,
                    scope.ServiceProvider,
                    reason,
                    new Dictionary<string, object?>(),
                    (parameter, _) => Bind(parameter, info),
                    null,
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (!rethrow)
        {
            // Logged by the invoker; the next occurrence runs as usual, like the host.
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private ParameterValue Bind(ParameterInfo parameter, TimerInfo info)
        => parameter.Name == trigger.ParameterName || parameter.ParameterType == typeof(TimerInfo)
            ? ParameterValue.Of(info)
            : ParameterValue.Unbound;

    private static async Task DelayUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        // Task.Delay accepts at most about 49 days, so wait in slices.
        var remaining = due - DateTimeOffset.UtcNow;
        while (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining < TimeSpan.FromDays(1) ? remaining : TimeSpan.FromDays(1), cancellationToken).ConfigureAwait(false);
            remaining = due - DateTimeOffset.UtcNow;
        }
    }
}
