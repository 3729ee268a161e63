using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.LocalHost.Discovery;
using Payments.LocalHost.Hosting;
using Payments.LocalHost.Invocation;

namespace Payments.LocalHost.Queues;

/// <summary>
/// Polls one queue for one function like the host: batches of <c>batchSize</c>, a new batch when
/// in-flight work drops to <c>newBatchThreshold</c>, exponential back-off up to
/// <c>maxPollingInterval</c> while the queue is empty. Success deletes the message; a failure makes
/// it visible again after <c>visibilityTimeout</c>, or moves it to <c>{queue}-poison</c> once it has
/// been dequeued <c>maxDequeueCount</c> times.
/// </summary>
internal sealed class QueueTriggerListener(
    LocalFunction function,
    QueueTriggerBinding trigger,
    QueueClientProvider queues,
    QueueSettings settings,
    FunctionInvoker invoker,
    IServiceScopeFactory scopes,
    ILogger logger)
{
    private static readonly TimeSpan MinimumPollingDelay = TimeSpan.FromMilliseconds(100);

    // The host hides a message for 10 minutes while a function works on it.
    private static readonly TimeSpan ProcessingVisibility = TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken stopping)
    {
        string queueName;
        try
        {
            queueName = queues.ResolveQueueName(trigger.QueueName);
        }
        catch (InvalidOperationException exception)
        {
            // A configuration error: the host would not start this listener either.
            Log.ListenerNotStarted(logger, exception, function.Name);
            return;
        }

        var delay = MinimumPollingDelay;
        var running = new List<Task>();
        QueueClient? queue = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                queue ??= await queues.GetQueueAsync(trigger.Connection, queueName, stopping).ConfigureAwait(false);
                QueueMessage[] batch = await queue.ReceiveMessagesAsync(settings.BatchSize, ProcessingVisibility, stopping).ConfigureAwait(false);
                if (batch.Length == 0)
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                    delay = Min(delay * 2, settings.MaxPollingInterval);
                    continue;
                }

                delay = MinimumPollingDelay;
                foreach (var message in batch)
                {
                    running.Add(ProcessAsync(queue, queueName, message, stopping));
                }

                while (running.Count > settings.NewBatchThreshold)
                {
                    await Task.WhenAny(running).ConfigureAwait(false);
                    running.RemoveAll(t => t.IsCompleted);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                Log.PollFailed(logger, exception, queueName, function.Name, (long)delay.TotalMilliseconds);
                queue = null;
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = Min(delay * 2, settings.MaxPollingInterval);
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueClient queue, string queueName, QueueMessage message, CancellationToken stopping)
    {
        // A message already past the limit (for example after maxDequeueCount was lowered) is not run again.
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await SettleAsync(() => MoveToPoisonAsync(queue, queueName, message), message, queueName).ConfigureAwait(false);
            return;
        }

        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await invoker.InvokeAsync(
                    function,
                    scope.ServiceProvider,
                    $"New queue message detected on '{queueName}'.",
                    BindingData(message),
                    (parameter, _) => BindParameter(parameter, message, invoker.JsonOptions),
                    null,
                    stopping).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // The invoker has logged the failure.
            await SettleAsync(
                () => message.DequeueCount >= settings.MaxDequeueCount
                    ? MoveToPoisonAsync(queue, queueName, message)
                    : queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None),
                message,
                queueName).ConfigureAwait(false);
            return;
        }

        await SettleAsync(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None), message, queueName).ConfigureAwait(false);
    }

    private async Task SettleAsync(Func<Task> action, QueueMessage message, string queueName)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The message reappears after the processing visibility timeout and is tried again.
            Log.SettleFailed(logger, exception, message.MessageId, queueName);
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, string queueName, QueueMessage message)
    {
        var poisonName = QueueClientProvider.PoisonQueueName(queueName);
        var poison = await queues.GetQueueAsync(trigger.Connection, poisonName, CancellationToken.None).ConfigureAwait(false);
        await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
        Log.MovedToPoison(logger, message.MessageId, queueName, message.DequeueCount, poisonName);
    }

    private static Dictionary<string, object?> BindingData(QueueMessage message) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Id"] = message.MessageId,
        ["PopReceipt"] = message.PopReceipt,
        ["DequeueCount"] = message.DequeueCount,
        ["InsertionTime"] = message.InsertedOn,
        ["ExpirationTime"] = message.ExpiresOn,
        ["NextVisibleTime"] = message.NextVisibleOn,
    };

    private ParameterValue BindParameter(ParameterInfo parameter, QueueMessage message, JsonSerializerOptions json)
    {
        var type = parameter.ParameterType;
        if (parameter.Name == trigger.ParameterName)
        {
            return ParameterValue.Of(type switch
            {
                _ when type == typeof(string) => message.Body.ToString(),
                _ when type == typeof(BinaryData) => message.Body,
                _ when type == typeof(byte[]) => message.Body.ToArray(),
                _ when type == typeof(QueueMessage) => message,
                _ => JsonSerializer.Deserialize(message.Body.ToMemory().Span, type, json),
            });
        }

        if (type == typeof(QueueMessage))
        {
            return ParameterValue.Of(message);
        }

        // Message metadata binds by name, as in the worker (string id, long dequeueCount, ...).
        return parameter.Name is { } name && BindingData(message).TryGetValue(name, out var value) && value is not null && type.IsInstanceOfType(value)
            ? ParameterValue.Of(value)
            : ParameterValue.Unbound;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
