using Microsoft.Extensions.Logging;

namespace Payments.LocalHost;

/// <summary>The runner's log lines. Never request bodies, message bodies or keys.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    public static partial void Executing(ILogger logger, string functionName, string reason, string invocationId);

    [LoggerMessage(2, LogLevel.Information, "Executed 'Functions.{FunctionName}' (Succeeded, Id={InvocationId}, Duration={DurationMs}ms)")]
    public static partial void Executed(ILogger logger, string functionName, string invocationId, long durationMs);

    [LoggerMessage(3, LogLevel.Error, "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMs}ms)")]
    public static partial void Failed(ILogger logger, Exception exception, string functionName, string invocationId, long durationMs);

    [LoggerMessage(4, LogLevel.Warning, "Message {MessageId} on queue '{QueueName}' could not be decoded and was moved to the poison queue")]
    public static partial void UndecodableMessage(ILogger logger, string messageId, string queueName);

    [LoggerMessage(5, LogLevel.Warning, "Message {MessageId} on queue '{QueueName}' failed {DequeueCount} times and was moved to '{PoisonQueueName}'")]
    public static partial void MovedToPoison(ILogger logger, string messageId, string queueName, long dequeueCount, string poisonQueueName);

    [LoggerMessage(6, LogLevel.Error, "Polling queue '{QueueName}' for function '{FunctionName}' failed; retrying in {DelayMs}ms")]
    public static partial void PollFailed(ILogger logger, Exception exception, string queueName, string functionName, long delayMs);

    [LoggerMessage(7, LogLevel.Information, "Function '{FunctionName}' is disabled by configuration")]
    public static partial void Disabled(ILogger logger, string functionName);

    [LoggerMessage(8, LogLevel.Information, "Timer '{FunctionName}' next run at {NextRun:O}")]
    public static partial void TimerScheduled(ILogger logger, string functionName, DateTimeOffset nextRun);

    [LoggerMessage(9, LogLevel.Warning, "No keys configured: the documented development default keys are in use (set LocalHost:FunctionKeys and LocalHost:MasterKey to change them)")]
    public static partial void DefaultKeys(ILogger logger);

    [LoggerMessage(10, LogLevel.Error, "Releasing or poisoning message {MessageId} on queue '{QueueName}' failed")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string messageId, string queueName);

    [LoggerMessage(11, LogLevel.Error, "The trigger listener of function '{FunctionName}' stopped")]
    public static partial void ListenerNotStarted(ILogger logger, Exception exception, string functionName);
}
