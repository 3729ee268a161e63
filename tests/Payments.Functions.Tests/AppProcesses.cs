using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Payments.Core.Application;
using Payments.Core.Payments;
using Payments.Infrastructure.Prompt;
using Payments.Infrastructure.Webhooks;

namespace Payments.Functions.Tests;

/// <summary>
/// The app as one process of its own on a run's own table and queues (no host, no HTTP): its composition
/// root, its prompt lanes started and stopped as the host does, every storage request and webhook POST
/// through a <see cref="KillSwitch"/> that numbers them and can kill the process at one of them, and a
/// webhook receiver that records ids. Several such processes on the same names share the storage, as the
/// instances of a deployment (or one restarted) do.
/// </summary>
internal static class AppProcesses
{
    /// <summary>A card payment waiting for its result, with the gateway payment id a success notice names.</summary>
    public static PaymentData Waiting(string order)
        => AppFixture.OpenPayment(order, "99514901", "crash-secret-" + order, DateTimeOffset.UtcNow) with { GatewayPaymentId = GatewayPaymentId };

    public static QueueClient Queue(string name)
        => new(TestStorage.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>The gateway payment id the payment of <see cref="Waiting"/> carries (that of <see cref="Notices.Success"/>).</summary>
    public const string GatewayPaymentId = "261126120000123450001";

    public const string SecureCode = "12345678";

    /// <summary>One process of the app: the composition root on this run's storage names, its storage and
    /// webhook traffic through <paramref name="kill"/>, the webhook receiver recording ids.</summary>
    public static AppProcess Process(RunNames names, KillSwitch kill, ConcurrentQueue<string> received)
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

    public sealed record RunNames
    {
        private readonly string _id = Guid.NewGuid().ToString("N")[..12];

        public string Table => "crash" + _id;

        public string Changes => "e2e-changes-" + _id;

        public string Webhooks => "e2e-webhooks-" + _id;

        public string Reconcile => "e2e-reconcile-" + _id;
    }

    /// <summary>The app's prompt lanes started and stopped as the host starts and stops them.</summary>
    public sealed class AppProcess(ServiceProvider services) : IAsyncDisposable
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
    public sealed class KillSwitch(int killAt, bool after) : HttpPipelinePolicy
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

        /// <summary>
        /// Waits until the process has made no step for half a second (its lanes have done what they could)
        /// and, when <paramref name="lastStep"/> is given, has made that step after its first <paramref name="since"/>
        /// steps (at most 30 s): on loaded cores a living process's background lane may pause longer than the
        /// quiet time before its next step.
        /// </summary>
        public async Task QuietAsync(string? lastStep = null, int since = 0)
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while (DateTimeOffset.UtcNow.UtcTicks - Interlocked.Read(ref _lastStepTicks) < TimeSpan.FromMilliseconds(500).Ticks
                || (lastStep is not null && !_dead && !_steps.Skip(since).Any(s => s.StartsWith(lastStep, StringComparison.Ordinal)) && DateTimeOffset.UtcNow < deadline))
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

    public sealed class ProcessKilledException() : Exception("The process was killed.");

    /// <summary>The merchant's endpoint: records each webhook id it receives; a dead process sends nothing.</summary>
    public sealed class Receiver(KillSwitch kill, ConcurrentQueue<string> received) : HttpMessageHandler
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
