using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;
using Payments.Functions.Webhooks;
using Payments.Infrastructure.Prompt;
using Payments.Infrastructure.Webhooks;

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
    private const string SecureCode = "12345678";
    private const string GatewayPaymentId = "261126120000123450001";

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
        var body = await Notices.Signed(Notices.Success(order, "1.00"), SecureCode).ReadAsByteArrayAsync();

        // Before: the payment waits for its result (written by a process that does not die).
        await using (var setup = Process(names, new KillSwitch(0, false), received))
        {
            Assert.True(await setup.Services.GetRequiredService<IPaymentStore>().TryCreateAsync(Waiting(order), default));
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

            await kill.QuietAsync();
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

    private static PaymentData Waiting(string order)
    {
        var now = DateTimeOffset.UtcNow;
        return new PaymentData
        {
            PaymentId = PaymentIds.ForOrder(order),
            OrderNumber = order,
            Account = "995149",
            Terminal = "99514901",
            Method = PaymentMethod.Card,
            Amount = new Money(100, Currency.Parse("USD")),
            Status = PaymentStatus.Processing,
            Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@b.cd", Country = "US", State = "CA" },
            ReturnUrl = "https://shop.example.com/done",
            ClientSecret = "crash-secret-" + order,
            CreatedAt = now,
            UpdatedAt = now,
            SentAt = now,
            GatewayPaymentId = GatewayPaymentId,
        };
    }

    private static QueueClient Queue(string name)
        => new(TestStorage.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>One process of the app: the composition root on this run's storage names, its storage and
    /// webhook traffic through <paramref name="kill"/>, the webhook receiver recording ids.</summary>
    private static AppProcess Process(RunNames names, KillSwitch kill, ConcurrentQueue<string> received)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = TestStorage.ConnectionString,
            ["Oceanpayment:Account"] = "995149",
            ["Oceanpayment:Terminals:0:Terminal"] = "99514901",
            ["Oceanpayment:Terminals:0:SecureCode"] = SecureCode,
            ["Oceanpayment:Terminals:0:Methods"] = "card",
            ["Payments:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Payments:AllowedReturnOrigins:0"] = "http://127.0.0.1:7073",
            ["Storage:PaymentsTable"] = names.Table,
            ["Storage:ChangesQueue"] = names.Changes,
            ["Storage:ReconcileQueue"] = names.Reconcile,
            ["Storage:WebhookQueue"] = names.Webhooks,
            ["Storage:WebhookDeadLetterQueue"] = names.Webhooks + "-dead",
            ["Events:SignalDelay"] = "00:00:00.100",
            ["Events:FallbackDelay"] = "00:00:00.500",
            ["Events:FeedSettle"] = "00:00:00.200",
            ["Webhooks:Timeout"] = "00:00:01",
            ["Webhooks:Endpoints:0:Url"] = "http://127.0.0.1:9/hook",
            ["Webhooks:Endpoints:0:Events"] = "payment.succeeded",
            ["Webhooks:Endpoints:0:Secret"] = "whsec_Y3Jhc2gtd2luZG93LXdlYmhvb2stc2VjcmV0LTMyYnl0ZXM=",
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentsApp(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(kill, HttpPipelinePosition.PerRetry)));
        services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Receiver(kill, received));
        return new AppProcess(services.BuildServiceProvider());
    }

    private sealed record RunNames
    {
        private readonly string _id = Guid.NewGuid().ToString("N")[..12];

        public string Table => "crash" + _id;

        public string Changes => "e2e-changes-" + _id;

        public string Webhooks => "e2e-webhooks-" + _id;

        public string Reconcile => "e2e-reconcile-" + _id;
    }

    private sealed record RunResult(IReadOnlyList<string> Steps, IReadOnlyList<string> Problems);

    /// <summary>The app's prompt lanes started and stopped as the host starts and stops them.</summary>
    private sealed class AppProcess(ServiceProvider services) : IAsyncDisposable
    {
        private readonly List<IHostedService> _lanes = [.. services.GetServices<IHostedService>().Where(s => s is PromptProjectionService or PromptDeliveryService)];

        public IServiceProvider Services => services;

        public async Task StartAsync()
        {
            foreach (var lane in _lanes)
            {
                await lane.StartAsync(default);
            }
        }

        public async Task StopAsync()
        {
            foreach (var lane in _lanes)
            {
                await lane.StopAsync(default);
            }
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    /// <summary>
    /// Numbers the process's steps (storage requests and webhook POSTs) and kills the process at step
    /// <c>killAt</c>: before it is sent, or once its answer is back. A dead process does nothing more.
    /// </summary>
    private sealed class KillSwitch(int killAt, bool after) : HttpPipelinePolicy
    {
        private readonly ConcurrentQueue<string> _steps = new();
        private int _count;
        private volatile bool _dead;
        private long _lastStepTicks = DateTimeOffset.UtcNow.UtcTicks;

        public bool IsDead => _dead;

        public IReadOnlyList<string> Steps => [.. _steps];

        public int Enter(string step)
        {
            Interlocked.Exchange(ref _lastStepTicks, DateTimeOffset.UtcNow.UtcTicks);
            if (_dead)
            {
                throw new ProcessKilledException();
            }

            var number = Interlocked.Increment(ref _count);
            _steps.Enqueue(step);
            if (number == killAt && !after)
            {
                _dead = true;
                throw new ProcessKilledException();
            }

            return number;
        }

        public void Leave(int number)
        {
            if (_dead || (number == killAt && after))
            {
                _dead = true;
                throw new ProcessKilledException();
            }
        }

        /// <summary>Waits until the process has made no step for half a second (its lanes have done what they could).</summary>
        public async Task QuietAsync()
        {
            while (DateTimeOffset.UtcNow.UtcTicks - Interlocked.Read(ref _lastStepTicks) < TimeSpan.FromMilliseconds(500).Ticks)
            {
                await Task.Delay(100);
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var number = Enter(Describe(message.Request));
            ProcessNext(message, pipeline);
            Leave(number);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var number = Enter(Describe(message.Request));
            await ProcessNextAsync(message, pipeline);
            Leave(number);
        }

        private static string Describe(Request request)
        {
            var path = request.Uri.Path;
            // Azurite's paths start with the account name; the step is the resource, without ids.
            var resource = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? string.Empty;
            return $"{request.Method} /{(resource.StartsWith("crash", StringComparison.Ordinal) ? "table" : resource.Split('(')[0])}";
        }
    }

    private sealed class ProcessKilledException() : Exception("The process was killed.");

    /// <summary>The merchant's endpoint: records each webhook id it receives; a dead process sends nothing.</summary>
    private sealed class Receiver(KillSwitch kill, ConcurrentQueue<string> received) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var number = kill.Enter("POST webhook");
            received.Enqueue(request.Headers.GetValues("webhook-id").Single());
            kill.Leave(number);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
