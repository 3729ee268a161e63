using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Infrastructure.Tests.Support;
using Payments.Infrastructure.Webhooks;

namespace Payments.Infrastructure.Tests.Webhooks;

/// <summary>
/// Webhook delivery wired by <see cref="WebhooksInfrastructure.AddWebhooks"/> against Azurite, with a
/// fake event store and payment store, and a pump that plays the Functions host: it takes every visible
/// delivery message, runs the dispatcher on it without waiting for the others, and deletes it when the
/// run ends without throwing. Retry delays are seconds, so a test sees a delivery's whole life.
/// </summary>
internal sealed class WebhookRig : IAsyncDisposable
{
    // AzureWebJobsStorage in the environment points the tests at another Azurite (scripts/azurite-connection.sh).
    private static readonly string Storage = Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } s ? s : Azurite.ConnectionString;

    private readonly ServiceProvider _services;
    private readonly MeterListener _meters = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _running = [];
    private Task? _pump;

    public WebhookRig(IEnumerable<KeyValuePair<string, string?>> settings, string environment = "Development")
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:WebhookQueue"] = Azurite.UniqueQueueName("wh"),
            ["Storage:WebhookDeadLetterQueue"] = Azurite.UniqueQueueName("whdl"),
            ["Webhooks:Timeout"] = "00:00:01",
            ["Webhooks:FirstRetryDelay"] = "00:00:01",
            ["Webhooks:MaxRetryDelay"] = "00:00:02",
            ["Webhooks:RetryHorizon"] = "00:01:00",
            ["Webhooks:RetryJitter"] = "0",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        Store.Setup(s => s.AddRecordsAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<PaymentRecord>>(), It.IsAny<CancellationToken>()))
            .Callback((string order, IReadOnlyList<PaymentRecord> records, CancellationToken _) => Records.Enqueue((order, records.Single())))
            .ReturnsAsync(SaveOutcome.Saved);
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(new QueueServiceClient(Storage, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        services.AddSingleton<IMerchantEvents>(Events);
        services.AddSingleton(Store.Object);
        services.AddSingleton(Telemetry);
        services.AddSingleton(TimeProvider.System);
        services.AddWebhooks(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new TestEnvironment(environment));
        _services = services.BuildServiceProvider();
        Options = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value;

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == Telemetry.Meter && instrument.Name.StartsWith("webhooks.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => Metrics.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        _meters.Start();
    }

    public FakeMerchantEvents Events { get; } = new();

    public Mock<IPaymentStore> Store { get; } = new(MockBehavior.Strict);

    public ConcurrentQueue<(string Order, PaymentRecord Record)> Records { get; } = new();

    public CapturingLogs Logs { get; } = new();

    public PaymentsTelemetry Telemetry { get; } = new();

    public ConcurrentDictionary<string, long> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>Every delivery message body the pump took, as stored (decoded from base64).</summary>
    public ConcurrentQueue<string> RawMessages { get; } = new();

    public WebhookOptions Options { get; }

    public IWebhookOutbox Outbox => _services.GetRequiredService<IWebhookOutbox>();

    public QueueWebhookOutbox QueueOutbox => _services.GetRequiredService<QueueWebhookOutbox>();

    public QueueClient DeliveryQueue => new(Storage, Options.Queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public QueueClient DeadLetterQueue => new(Storage, Options.DeadLetterQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public long Metric(string name) => Metrics.GetValueOrDefault(name);

    /// <summary>Stores an event and queues it for its endpoints, as the lead's projector does.</summary>
    public async Task<MerchantEvent> PublishAsync(string orderNumber, long sequence, string type = MerchantEventTypes.PaymentSucceeded, string? body = null)
    {
        var id = EventIds.Format(orderNumber, sequence);
        var merchantEvent = new MerchantEvent(id, orderNumber, sequence, type, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body ?? $"{{\"id\":\"{id}\",\"type\":\"{type}\",\"data\":{{\"amount\":1050}}}}"));
        Events.Add(merchantEvent);
        await Outbox.EnqueueAsync(merchantEvent, CancellationToken.None);
        return merchantEvent;
    }

    public void StartPump() => _pump ??= PumpAsync(_stop.Token);

    /// <summary>Waits (polling) until <paramref name="condition"/> holds; fails the test after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, double seconds, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public async Task<IReadOnlyList<string>> PeekDeadLettersAsync()
    {
        var queue = DeadLetterQueue;
        if (!(await queue.ExistsAsync()).Value)
        {
            return [];
        }

        return [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString())];
    }

    private async Task PumpAsync(CancellationToken stop)
    {
        var queue = DeliveryQueue;
        await queue.CreateIfNotExistsAsync(cancellationToken: stop);
        var dispatcher = _services.GetRequiredService<WebhookDispatcher>();
        while (!stop.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30), stop)).Value;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var message in batch)
            {
                _running.Add(Task.Run(
                    async () =>
                    {
                        var body = message.Body.ToString();
                        RawMessages.Enqueue(body);
                        Assert.True(WebhookMessage.TryParse(body, out var parsed), "unreadable delivery message");
                        await dispatcher.HandleAsync(parsed, stop);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                    },
                    CancellationToken.None));
            }

            try
            {
                await Task.Delay(batch.Length == 0 ? 100 : 10, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pump is not null)
        {
            await _pump;
        }

        await Task.WhenAll(_running.ToArray()).ContinueWith(_ => { }, TaskScheduler.Default);
        _meters.Dispose();
        await _services.DisposeAsync();
        Telemetry.Dispose();
        _stop.Dispose();
        await DeliveryQueue.DeleteIfExistsAsync();
        await DeadLetterQueue.DeleteIfExistsAsync();
    }
}

/// <summary>The event store as the dispatcher reads it: a point read by id.</summary>
internal sealed class FakeMerchantEvents : IMerchantEvents
{
    private readonly ConcurrentDictionary<string, MerchantEvent> _events = new(StringComparer.Ordinal);

    public void Add(MerchantEvent merchantEvent) => _events[merchantEvent.Id] = merchantEvent;

    public Task<MerchantEvent?> FindAsync(string eventId, CancellationToken cancellationToken)
        => Task.FromResult(_events.GetValueOrDefault(eventId));
}

/// <summary>Keeps every log line with its category, level and event id.</summary>
internal sealed class CapturingLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Lines.Enqueue((category, logLevel, eventId.Id, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
    }
}
