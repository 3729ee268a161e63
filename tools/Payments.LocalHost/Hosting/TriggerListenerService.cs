using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.LocalHost.Discovery;
using Payments.LocalHost.Invocation;
using Payments.LocalHost.Queues;
using Payments.LocalHost.Timers;

namespace Payments.LocalHost.Hosting;

/// <summary>Starts a polling loop per enabled queue function and a schedule loop per enabled timer function.</summary>
public sealed class TriggerListenerService : BackgroundService
{
    private readonly List<Func<CancellationToken, Task>> _loops = [];
    private readonly Dictionary<string, TimerTriggerListener> _timers = new(StringComparer.OrdinalIgnoreCase);

    internal TriggerListenerService(
        FunctionCatalog catalog,
        FunctionSwitch switches,
        HostSettings settings,
        QueueClientProvider queues,
        FunctionInvoker invoker,
        IServiceScopeFactory scopes,
        ILoggerFactory loggers)
    {
        foreach (var function in catalog.Functions.Where(switches.IsEnabled))
        {
            var logger = loggers.CreateLogger($"Function.{function.Name}");
            switch (function.Trigger)
            {
                case QueueTriggerBinding queue:
                    var listener = new QueueTriggerListener(function, queue, queues, settings.Queues, invoker, scopes, logger);
                    _loops.Add(Guarded(function, listener.RunAsync, logger));
                    break;
                case TimerTriggerBinding timer:
                    var timerListener = new TimerTriggerListener(function, timer, invoker, scopes, logger);
                    _timers[function.Name] = timerListener;
                    _loops.Add(Guarded(function, timerListener.RunAsync, logger));
                    break;
            }
        }
    }

    /// <summary>Runs a timer function once, now, outside its schedule (for tests and manual runs).</summary>
    public Task RunTimerNowAsync(string functionName, CancellationToken cancellationToken = default)
        => _timers.TryGetValue(functionName, out var timer)
            ? timer.RunNowAsync(cancellationToken)
            : throw new InvalidOperationException($"No enabled timer function named '{functionName}'.");

    // One broken listener must not stop the host (and with it every other function).
    private static Func<CancellationToken, Task> Guarded(LocalFunction function, Func<CancellationToken, Task> loop, ILogger logger)
        => async stopping =>
        {
            try
            {
                await loop(stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                Log.ListenerNotStarted(logger, exception, function.Name);
            }
        };

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(_loops.Select(loop => Task.Run(() => loop(stoppingToken), CancellationToken.None)));
}
