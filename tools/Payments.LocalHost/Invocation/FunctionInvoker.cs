using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.LocalHost.Discovery;
using Payments.LocalHost.Queues;

namespace Payments.LocalHost.Invocation;

/// <summary>
/// Runs one invocation: creates the function class from the invocation's scope with
/// <see cref="ActivatorUtilities"/>, binds parameters, awaits the result and sends queue outputs.
/// </summary>
internal sealed class FunctionInvoker(ILogger<FunctionInvoker> logger, QueueClientProvider queues, IOptions<JsonSerializerOptions> json)
{
    // Per function method: its parameters and a compiled factory of its class, built on first use
    // instead of reflecting on every invocation.
    private readonly ConcurrentDictionary<MethodInfo, (ParameterInfo[] Parameters, ObjectFactory? Create)> _methods = new();

    // Task<T>.Result of each T, looked up once per task type.
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> TaskResults = new();

    public JsonSerializerOptions JsonOptions => json.Value;

    public async Task<object?> InvokeAsync(
        LocalFunction function,
        IServiceProvider services,
        string reason,
        IReadOnlyDictionary<string, object?> bindingData,
        Func<ParameterInfo, LocalFunctionContext, ParameterValue> bindTrigger,
        Action<LocalFunctionContext>? prepare,
        CancellationToken cancellationToken)
    {
        var context = new LocalFunctionContext(function, services, bindingData, cancellationToken);
        prepare?.Invoke(context);
        Log.Executing(logger, function.Name, reason, context.InvocationId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (parameters, create) = _methods.GetOrAdd(function.Method, static (method, type) =>
                (method.GetParameters(), method.IsStatic ? null : ActivatorUtilities.CreateFactory(type, Type.EmptyTypes)), function.DeclaringType);
            var instance = create?.Invoke(services, null);
            var arguments = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                arguments[i] = Bind(function, parameters[i], context, bindTrigger);
            }

            var result = await AwaitResultAsync(Call(function.Method, instance, arguments)).ConfigureAwait(false);
            await SendQueueOutputsAsync(function, result, cancellationToken).ConfigureAwait(false);
            Log.Executed(logger, function.Name, context.InvocationId, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception exception)
        {
            Log.Failed(logger, exception, function.Name, context.InvocationId, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private static object? Bind(LocalFunction function, ParameterInfo parameter, LocalFunctionContext context, Func<ParameterInfo, LocalFunctionContext, ParameterValue> bindTrigger)
    {
        if (parameter.ParameterType == typeof(FunctionContext))
        {
            return context;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.CancellationToken;
        }

        var bound = bindTrigger(parameter, context);
        if (bound.IsBound)
        {
            return bound.Value;
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        throw new InvalidOperationException(
            $"Parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of function '{function.Name}' has no binding the local runner supports.");
    }

    private static object? Call(MethodInfo method, object? instance, object?[] arguments)
    {
        try
        {
            return method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private static async Task<object?> AwaitResultAsync(object? result)
    {
        switch (result)
        {
            case null:
                return null;
            case Task task:
                await task.ConfigureAwait(false);
                // Task<T> exposes Result; a plain Task (its runtime type may be Task<VoidTaskResult>) does not count.
                return TaskResults.GetOrAdd(task.GetType(), static type => type.IsGenericType && type.GetGenericArguments()[0].Name != "VoidTaskResult"
                    ? type.GetProperty(nameof(Task<object>.Result))
                    : null)?.GetValue(task);
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
        }

        var resultType = result.GetType();
        if (resultType.IsGenericType && resultType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = (Task)resultType.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(result, null)!;
            return await AwaitResultAsync(asTask).ConfigureAwait(false);
        }

        return result;
    }

    private async Task SendQueueOutputsAsync(LocalFunction function, object? result, CancellationToken cancellationToken)
    {
        if (result is null)
        {
            return;
        }

        foreach (var output in function.QueueOutputs)
        {
            var value = output.Property is null ? result : output.Property.GetValue(result);
            var messages = ToMessages(value).ToList();
            if (messages.Count == 0)
            {
                continue;
            }

            var queue = await queues.GetQueueAsync(output.Connection, queues.ResolveQueueName(output.QueueName), cancellationToken).ConfigureAwait(false);
            foreach (var message in messages)
            {
                await queue.SendMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private IEnumerable<BinaryData> ToMessages(object? value)
    {
        switch (value)
        {
            case null:
                yield break;
            case string text:
                yield return BinaryData.FromString(text);
                yield break;
            case BinaryData data:
                yield return data;
                yield break;
            case byte[] bytes:
                yield return BinaryData.FromBytes(bytes);
                yield break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    foreach (var message in ToMessages(item))
                    {
                        yield return message;
                    }
                }

                yield break;
            default:
                yield return BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json.Value));
                yield break;
        }
    }
}
