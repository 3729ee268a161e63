using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Payments.Core.Application;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Storage;

[Trait("Category", "Integration")]
public sealed class QueueReconcileSchedulerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ScheduleAsync_Delay_MessageIsBase64JsonAndHiddenUntilTheDelayPasses()
    {
        var name = Azurite.UniqueQueueName("reconcile");
        var scheduler = new QueueReconcileScheduler(Azurite.Queue(name));
        var raw = Azurite.Queue(name, QueueMessageEncoding.None);

        await scheduler.ScheduleAsync(new ReconcileRequest("ORD-42", 3, "pending"), TimeSpan.FromSeconds(1), None);

        Assert.Empty((await raw.ReceiveMessagesAsync(1, cancellationToken: None)).Value);
        var message = await ReceiveWithinAsync(raw, TimeSpan.FromSeconds(10));
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("ORD-42", document.RootElement.GetProperty("orderNumber").GetString());
        Assert.Equal(3, document.RootElement.GetProperty("attempt").GetInt32());
        Assert.Equal("pending", document.RootElement.GetProperty("reason").GetString());
        Assert.True(ReconcileMessage.TryParse(json, out var parsed));
        Assert.Equal(new ReconcileRequest("ORD-42", 3, "pending"), parsed.ToRequest());
        Assert.True(message.ExpiresOn - message.InsertedOn > TimeSpan.FromDays(6.9));
    }

    [Fact]
    public async Task ScheduleAsync_DelayBeyondSevenDays_IsCappedAndAccepted()
    {
        var name = Azurite.UniqueQueueName("reconcile");
        var scheduler = new QueueReconcileScheduler(Azurite.Queue(name));

        await scheduler.ScheduleAsync(new ReconcileRequest("ORD-43", 1, "late"), TimeSpan.FromDays(30), None);

        var properties = await Azurite.Queue(name).GetPropertiesAsync(None);
        Assert.Equal(1, properties.Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task ScheduleAsync_MalformedOrderNumber_Throws()
    {
        var scheduler = new QueueReconcileScheduler(Azurite.Queue(Azurite.UniqueQueueName("reconcile")));

        await Assert.ThrowsAsync<ArgumentException>(() => scheduler.ScheduleAsync(new ReconcileRequest("a/b", 1, "x"), TimeSpan.Zero, None));
    }

    private static async Task<Azure.Storage.Queues.Models.QueueMessage> ReceiveWithinAsync(QueueClient queue, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var messages = (await queue.ReceiveMessagesAsync(1, cancellationToken: None)).Value;
            if (messages.Length == 1)
            {
                return messages[0];
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The message did not become visible.");
    }
}
