using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace Payments.LocalHost.Tests.TestFunctions;

public sealed record QueuedOrder(string OrderNo, long Amount);

/// <summary>Test-only queue functions; queue names come from settings so each test uses its own.</summary>
public sealed class QueueTestFunctions(TestRecorder recorder)
{
    [Function("TakeOrder")]
    public Task TakeOrderAsync([QueueTrigger("%OrderQueue%")] QueuedOrder order, long dequeueCount, FunctionContext context)
    {
        recorder.Calls.Enqueue($"TakeOrder:{order.OrderNo}:{dequeueCount}:{context.FunctionDefinition.Name}");
        recorder.OrderReceived.TrySetResult(order);
        return Task.CompletedTask;
    }

    [Function("AlwaysFails")]
    public void AlwaysFails([QueueTrigger("%FailQueue%", Connection = "TestStorage")] QueueMessage message)
    {
        Interlocked.Increment(ref recorder.FailingAttempts);
        throw new InvalidOperationException($"failing on purpose, delivery {message.DequeueCount}");
    }

    [Function("Tick")]
    public void Tick([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer)
        => recorder.TimerRan.TrySetResult(new TimerInfoSnapshot(timer.IsPastDue, timer.ScheduleStatus?.Next ?? default));
}
