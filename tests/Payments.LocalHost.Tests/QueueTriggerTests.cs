using Azure.Storage.Queues;
using Payments.LocalHost.Tests.TestFunctions;

namespace Payments.LocalHost.Tests;

/// <summary>Queue triggers against Azurite (scripts/azurite.sh), each test on its own queues.</summary>
[Trait("Category", "Integration")]
public sealed class QueueTriggerTests
{
    private const string Storage = "UseDevelopmentStorage=true";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task QueueTrigger_Success_BindsPocoAndDeletesMessage()
    {
        var queueName = UniqueQueueName();
        var queue = await CreateQueueAsync(queueName);
        await using var runner = await RunnerHarness.StartAsync(["TakeOrder"], Settings(("OrderQueue", queueName)));

        await queue.SendMessageAsync("""{"orderNo":"ORD-1","amount":1250}""");
        var order = await runner.Recorder.OrderReceived.Task.WaitAsync(Deadline);

        Assert.Equal(new QueuedOrder("ORD-1", 1250), order);
        Assert.Equal(["TakeOrder:ORD-1:1:TakeOrder"], runner.Recorder.Calls);
        await WaitUntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        Assert.False((await new QueueClient(Storage, queueName + "-poison").ExistsAsync()).Value);
    }

    [Fact]
    public async Task QueueTrigger_AlwaysThrowing_MovesBodyToPoisonAfterMaxDequeueCount()
    {
        var queueName = UniqueQueueName();
        var queue = await CreateQueueAsync(queueName);
        await using var runner = await RunnerHarness.StartAsync(["AlwaysFails"], Settings(
            ("FailQueue", queueName),
            ("TestStorage", Storage),
            ("AzureFunctionsJobHost:extensions:queues:maxDequeueCount", "3"),
            ("AzureFunctionsJobHost:extensions:queues:visibilityTimeout", "00:00:00"),
            ("AzureFunctionsJobHost:extensions:queues:maxPollingInterval", "00:00:00.200")));

        await queue.SendMessageAsync("poison me");
        var poison = new QueueClient(Storage, queueName + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await WaitUntilAsync(async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(1)).Value.Length == 1);

        var moved = (await poison.PeekMessagesAsync(1)).Value.Single();
        Assert.Equal("poison me", moved.Body.ToString());
        Assert.Equal(3, Volatile.Read(ref runner.Recorder.FailingAttempts));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task QueueTrigger_MissingQueue_IsCreatedByTheListener()
    {
        var queueName = UniqueQueueName();
        var queue = new QueueClient(Storage, queueName);
        await using var runner = await RunnerHarness.StartAsync(["TakeOrder"], Settings(("OrderQueue", queueName)));

        await WaitUntilAsync(async () => (await queue.ExistsAsync()).Value);
    }

    private static string UniqueQueueName() => $"lh-{Guid.NewGuid():N}"[..30];

    private static async Task<QueueClient> CreateQueueAsync(string name)
    {
        var queue = new QueueClient(Storage, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] pairs)
        => pairs.ToDictionary(p => p.Key, p => (string?)p.Value);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not met before the deadline");
            await Task.Delay(100);
        }
    }
}
