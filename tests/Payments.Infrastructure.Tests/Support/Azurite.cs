using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Tests.Support;

/// <summary>Clients for the Azurite emulator (start it with scripts/azurite.sh), with names unique per test class.</summary>
internal static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    /// <summary>A table name (letters and digits) unique to one run of one test class.</summary>
    public static string UniqueTableName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A queue name (lowercase, digits, dashes) unique to one run of one test class.</summary>
    public static string UniqueQueueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public static TableClient Table(string name, RequestCounter? counter = null)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        if (counter is not null)
        {
            options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        }

        return new TableServiceClient(ConnectionString, options).GetTableClient(name);
    }

    /// <summary>A payment store on the table, counting changes as the app does; its signals are recorded, not sent.</summary>
    public static TablePaymentStore Store(TableClient table, RecordingChangeSignal? signal = null)
        => new(new PaymentsTable(table), signal ?? new RecordingChangeSignal());

    /// <summary>The open-payment index on the table.</summary>
    public static TableOpenPaymentIndex OpenIndex(TableClient table) => new(new PaymentsTable(table));

    /// <summary>The idempotency keys on the table.</summary>
    public static TableIdempotencyStore Idempotency(TableClient table) => new(new PaymentsTable(table));

    public static readonly PaymentsSettings Settings = new()
    {
        PublicBaseUrl = new Uri("https://pay.example.com/"),
        Routing = TerminalRouting.Of(TerminalRule.Serving("cards", new TerminalKey("995149", "99514901"), PaymentMethod.Card)),
        AllowedReturnOrigins = [],
    };

    public static QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
        => new(ConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });
}

/// <summary>Counts the HTTP requests a client sends (round trips).</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}

/// <summary>Records the change signals a store sends (order number and sequence), in order, and how each was concluded.</summary>
internal sealed class RecordingChangeSignal : IPaymentChangeSignal
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string OrderNumber, long Sequence)> _signals = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string OrderNumber, long Sequence, WriteOutcome Outcome)> _conclusions = new();

    public IReadOnlyList<(string OrderNumber, long Sequence)> Signals => [.. _signals];

    public IReadOnlyList<(string OrderNumber, long Sequence, WriteOutcome Outcome)> Conclusions => [.. _conclusions];

    public Task<ChangeSignal> SignalAsync(string orderNumber, long sequence, CancellationToken cancellationToken)
    {
        _signals.Enqueue((orderNumber, sequence));
        return Task.FromResult(new ChangeSignal(orderNumber, sequence, Handle: null));
    }

    /// <summary>When set, concluding fails as a queue that does not answer would (after recording the conclusion).</summary>
    public bool ConcludingTimesOut { get; set; }

    public Task ConcludeAsync(ChangeSignal signal, WriteOutcome outcome, CancellationToken cancellationToken)
    {
        _conclusions.Enqueue((signal.OrderNumber, signal.Sequence, outcome));
        return ConcludingTimesOut ? Task.FromException(new TimeoutException("The queue did not answer.")) : Task.CompletedTask;
    }
}
