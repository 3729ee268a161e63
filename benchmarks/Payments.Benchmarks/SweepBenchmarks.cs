using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Benchmarks;

/// <summary>
/// One sweep run over 10,000 pending payments of two terminals (in-memory store, a gateway that
/// answers every batch with successes): the time, and the number of <c>check/normal</c> calls,
/// which must stay at or below 100.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class SweepBenchmarks
{
    public const int Payments = 10_000;
    public const int MaxQueries = 100;

    private static readonly string[] Terminals = ["99514901", "99514903"];
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly CountingGateway _gateway = new("100.00", "USD");
    private MemoryStore _store = new();
    private PaymentsTelemetry? _telemetry;
    private ReconcileSweepHandler _sweep = null!;

    [IterationSetup]
    public void Seed()
    {
        _store = new MemoryStore();
        for (var i = 0; i < Payments; i++)
        {
            var payment = Pending($"B{i:D6}", Terminals[i % Terminals.Length]);
            _store.Seed(payment, OpenPaymentEntry.For(payment, 3, Now));
        }

        var clock = new FixedClock(Now);
        var policy = new ReconcilePolicy { Jitter = 0 };
        _telemetry?.Dispose();
        var telemetry = _telemetry = new PaymentsTelemetry();
        var scheduler = new NoScheduler();
        var secrets = new InMemorySecureCodeSource(Terminals.Select(t => new KeyValuePair<TerminalKey, string>(new TerminalKey("995149", t), "12345678")));
        var writer = new PaymentWriter(_store, _store, new PaymentChanges(new PaymentsSettings { PublicBaseUrl = new Uri("https://pay.example.com/"), Routing = TerminalRouting.Of(), AllowedReturnOrigins = [] }, clock), scheduler, policy, clock);
        var applier = new ResultApplier(_store, writer, new RefundHandler(writer, _gateway, secrets, policy, telemetry, NullLogger<RefundHandler>.Instance), telemetry, clock, NullLogger<ResultApplier>.Instance);
        var chain = new CheckChain(writer, _gateway, secrets, telemetry, NullLogger<CheckChain>.Instance);
        var reconciler = new ReconcileHandler(writer, chain, applier, new RefundReconciler(writer, chain, policy, telemetry, clock, NullLogger<RefundReconciler>.Instance), policy, telemetry, clock, NullLogger<ReconcileHandler>.Instance);
        _sweep = new ReconcileSweepHandler(_store, reconciler, policy, clock, NullLogger<ReconcileSweepHandler>.Instance);
        _gateway.Reset();
    }

    [GlobalCleanup]
    public void Cleanup() => _telemetry?.Dispose();

    [Benchmark(Description = "Sweep 10,000 pending payments")]
    public async Task<int> Sweep()
    {
        var result = await _sweep.SweepAsync(CancellationToken.None);
        if (result.Settled != Payments || _gateway.QueryCalls > MaxQueries || _store.OpenCount != 0)
        {
            throw new InvalidOperationException($"Sweep settled {result.Settled} with {_gateway.QueryCalls} queries (largest {_gateway.LargestBatch}); {_store.OpenCount} left open.");
        }

        return _gateway.QueryCalls;
    }

    /// <summary>Runs one sweep outside BenchmarkDotNet and prints the calls and the wall time (<c>-- sweep-once</c>).</summary>
    public static async Task RunOnceAsync(TextWriter output)
    {
        var bench = new SweepBenchmarks();
        bench.Seed();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var calls = await bench.Sweep();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        output.WriteLine($"{Payments} pending payments settled with {calls} check/normal calls (largest batch {bench._gateway.LargestBatch}) in {elapsed.TotalMilliseconds:F0} ms");
    }

    private static PaymentData Pending(string orderNumber, string terminal) => new()
    {
        PaymentId = "pay_" + orderNumber,
        OrderNumber = orderNumber,
        Account = "995149",
        Terminal = terminal,
        Method = PaymentMethod.Card,
        Amount = new Money(10000, Currency.Parse("USD")),
        Status = PaymentStatus.Pending,
        Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@example.com", Country = "US", State = "CA" },
        ReturnUrl = "https://shop.example.com/r",
        ClientSecret = "cs",
        CreatedAt = Now,
        UpdatedAt = Now,
        SentAt = Now,
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
