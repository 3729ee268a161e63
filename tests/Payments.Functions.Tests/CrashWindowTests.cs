using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Payments;
using Payments.Functions.Webhooks;
using static Payments.Functions.Tests.AppProcesses;

namespace Payments.Functions.Tests;

/// <summary>
/// A success notice is applied by a process that dies at one step of the write, the change signal, the
/// projection or the webhook delivery: before a storage request is sent, or after its answer came back
/// (the work was done but the process never learnt it). Every step is tried in turn. Then a new process
/// starts on the same storage and runs the queue triggers, and the gateway sends the notice again if the
/// first was not acknowledged. Whatever the step, the payment ends succeeded with one event, in the feed
/// once, marked published, counted once in the list index, and the webhook reaches the merchant.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CrashWindowTests
{
    [Fact]
    public async Task A_Process_Killed_At_Any_Step_Loses_Nothing()
    {
        // The census: one run without a kill, to list the steps.
        var census = await RunAsync(killAt: 0, after: false);
        Assert.Empty(census.Problems);
        var steps = census.Steps;
        // Every stage is among the steps: signal, commit, projection (feed, outbox, publication), delivery and its clean-up.
        Assert.Contains(steps, s => s.StartsWith("POST /e2e-changes", StringComparison.Ordinal));
        Assert.Contains(steps, s => s == "POST /$batch");
        Assert.Contains(steps, s => s.StartsWith("POST /e2e-webhooks", StringComparison.Ordinal));
        Assert.Contains(steps, s => s == "POST webhook");
        Assert.Contains(steps, s => s.StartsWith("DELETE /e2e-changes", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.StartsWith("DELETE /e2e-webhooks", StringComparison.Ordinal));

        var runs = Enumerable.Range(1, steps.Count).SelectMany(k => new[] { (k, false), (k, true) }).ToList();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (run, _) =>
        {
            var result = await RunAsync(run.Item1, run.Item2);
            if (result.Problems.Count > 0)
            {
                failures.Add($"killed {(run.Item2 ? "after" : "before")} step {run.Item1} ({steps[run.Item1 - 1]}): {string.Join("; ", result.Problems)}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Order()));
    }

    private static async Task<RunResult> RunAsync(int killAt, bool after)
    {
        var names = new RunNames();
        var order = "CW" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();
        var received = new ConcurrentQueue<string>();
        var body = await Notices.Signed(Notices.Success(order, "1.00"), AppProcesses.SecureCode).ReadAsByteArrayAsync();

        // Before: the payment waits for its result (written by a process that does not die).
        await using (var setup = Process(names, new KillSwitch(0, false), received))
        {
            Assert.True(await setup.Services.GetRequiredService<PaymentWriter>().TryCreateAsync(Waiting(order), default));
            // Its creation is projected and its signal gone: only the dying process can announce the result.
            await setup.Services.GetRequiredService<ChangeProjector>().ProjectAsync(order, 1, default);
            await Queue(names.Changes).ClearMessagesAsync();
        }

        // The process that dies.
        var kill = new KillSwitch(killAt, after);
        var acknowledged = false;
        await using (var doomed = Process(names, kill, received))
        {
            await doomed.StartAsync();
            try
            {
                await doomed.Services.GetRequiredService<NoticeHandler>().HandleAsync(body, default);
                acknowledged = true;
            }
            catch (Exception) when (kill.IsDead)
            {
                // The gateway got no answer: it sends the notice again (below).
            }

            // The census's process lives: it must have done the whole chain, down to the webhook's clean-up.
            await kill.QuietAsync(killAt == 0 ? "DELETE /e2e-webhooks" : null);
            await doomed.StopAsync();
        }

        // A new process on the same storage: the queue triggers run, and an unacknowledged notice comes again.
        await using var next = Process(names, new KillSwitch(0, false), received);
        await next.StartAsync();
        if (!acknowledged)
        {
            await next.Services.GetRequiredService<NoticeHandler>().HandleAsync(body, default);
        }

        var problems = await DrainUntilSettledAsync(next, names, order, received);
        return new RunResult(kill.Steps, problems);
    }

    /// <summary>Runs the queue triggers (as the host does when their messages become visible) until everything
    /// the change promised is true, or 30 s have passed; returns what is still not true.</summary>
    private static async Task<IReadOnlyList<string>> DrainUntilSettledAsync(AppProcess process, RunNames names, string order, ConcurrentQueue<string> received)
    {
        var services = process.Services;
        var changes = ActivatorUtilities.CreateInstance<PaymentChangesFunction>(services);
        var deliveries = ActivatorUtilities.CreateInstance<WebhookDeliveryFunction>(services);
        var changesQueue = Queue(names.Changes);
        var webhookQueue = Queue(names.Webhooks);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        IReadOnlyList<string> problems;
        while ((problems = await ProblemsAsync(services, order, received)).Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            var worked = await RunVisibleAsync(changesQueue, m => changes.RunAsync(m, default));
            worked |= await RunVisibleAsync(webhookQueue, m => deliveries.RunAsync(m, default));
            if (!worked)
            {
                await Task.Delay(200);
            }
        }

        return problems;
    }

    private static async Task<bool> RunVisibleAsync(QueueClient queue, Func<string, Task> function)
    {
        if (!await queue.ExistsAsync())
        {
            return false;
        }

        var messages = (await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(30))).Value;
        foreach (var message in messages)
        {
            await function(message.Body.ToString());
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return messages.Length > 0;
    }

    private static async Task<IReadOnlyList<string>> ProblemsAsync(IServiceProvider services, string order, ConcurrentQueue<string> received)
    {
        var problems = new List<string>();
        var stored = await services.GetRequiredService<IPaymentStore>().FindAsync(order, default);
        if (stored?.Data.Status != PaymentStatus.Succeeded)
        {
            problems.Add($"status {stored?.Data.Status}");
        }

        var eventId = EventIds.Format(order, 2);
        var succeeded = await services.GetRequiredService<IMerchantEvents>().FindAsync(eventId, default);
        if (succeeded?.Type != MerchantEventTypes.PaymentSucceeded || await services.GetRequiredService<IMerchantEvents>().FindAsync(EventIds.Format(order, 3), default) is not null)
        {
            problems.Add("not exactly one payment.succeeded event");
        }

        if ((await services.GetRequiredService<IEventPublication>().ListUnpublishedAsync(order, default)).Count > 0)
        {
            problems.Add("an event is not published");
        }

        var inFeed = await ReadWholeFeedAsync(services.GetRequiredService<IEventFeed>());
        if (inFeed.Count(e => e.OrderNumber == order) != 1 || inFeed.Count(e => e.Id == eventId) != 1)
        {
            problems.Add($"the feed holds {inFeed.Count(e => e.Id == eventId)} copies of the event");
        }

        var counts = await services.GetRequiredService<IPaymentIndex>().CountAsync(DateOnly.FromDateTime(DateTime.UtcNow), default);
        if (counts.GetValueOrDefault(PaymentStatus.Succeeded) != 1 || counts.Where(c => c.Key != PaymentStatus.Succeeded).Sum(c => c.Value) != 0)
        {
            problems.Add("the list index does not count one succeeded payment");
        }

        if (!received.Contains(eventId))
        {
            problems.Add("no webhook received");
        }

        return problems;
    }

    private static async Task<List<MerchantEvent>> ReadWholeFeedAsync(IEventFeed feed)
    {
        var all = new List<MerchantEvent>();
        string? cursor = null;
        for (var page = 0; page < 20; page++)
        {
            var read = await feed.ReadAsync(cursor, 100, default);
            Assert.NotNull(read);
            all.AddRange(read.Events);
            cursor = read.Next;
            if (!read.HasMore)
            {
                break;
            }
        }

        return all;
    }

    private sealed record RunResult(IReadOnlyList<string> Steps, IReadOnlyList<string> Problems);
}
