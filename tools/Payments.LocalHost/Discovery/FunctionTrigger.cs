using Microsoft.Azure.Functions.Worker;

namespace Payments.LocalHost.Discovery;

/// <summary>The trigger binding of a function; exactly one per function, as the host requires.</summary>
public abstract record FunctionTrigger(string ParameterName);

/// <summary>An <c>[HttpTrigger]</c>. <see cref="Route"/> is the template without the route prefix; null means the function name.</summary>
public sealed record HttpTriggerBinding(string ParameterName, string? Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel)
    : FunctionTrigger(ParameterName);

/// <summary>A <c>[QueueTrigger]</c>. <see cref="Connection"/> is the setting name (null: AzureWebJobsStorage).</summary>
public sealed record QueueTriggerBinding(string ParameterName, string QueueName, string? Connection)
    : FunctionTrigger(ParameterName);

/// <summary>A <c>[TimerTrigger]</c> with its CRON or TimeSpan schedule.</summary>
public sealed record TimerTriggerBinding(string ParameterName, string Schedule, bool RunOnStartup)
    : FunctionTrigger(ParameterName);

/// <summary>A <c>[QueueOutput]</c>: on the method (Property null, the return value) or on a property of the return type.</summary>
public sealed record QueueOutputBinding(string QueueName, string? Connection, System.Reflection.PropertyInfo? Property);
