using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;
using Payments.Infrastructure.Storage;

namespace Payments.Benchmarks;

/// <summary>
/// The list queries of <c>GET /api/payments</c> over a table of many payments on Azurite (100,000 by
/// default, spread over 30 days, 8 methods and realistic statuses): each query's round trips (HTTP
/// requests to the table, counted by a pipeline policy) and its time, median of several runs. The
/// payments are written as the app writes them (payment row through the store, list-index rows
/// through the index), directly, not through HTTP.
/// </summary>
internal static class ListBenchmark
{
    private static readonly DateTimeOffset Newest = new(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var payments = Option(args, "--payments", 100_000);
        var days = Option(args, "--days", 30);
        var runs = Option(args, "--runs", 9);
        var tableName = OptionText(args, "--table") ?? "listbench" + Guid.NewGuid().ToString("N")[..10];
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var client = new TableServiceClient("UseDevelopmentStorage=true", options).GetTableClient(tableName);
        var table = new PaymentsTable(client);
        var settings = new PaymentsSettings { PublicBaseUrl = new Uri("https://pay.example.com/"), Routing = TerminalRouting.Of(TerminalRule.Serving("cards", new TerminalKey("995149", "99514901"), PaymentMethod.Card)), AllowedReturnOrigins = [] };
        var store = new TablePaymentStore(table, new NoSignal());
        var index = new TablePaymentIndex(table);
        var search = new PaymentSearch(store, index, new FixedClock(Newest.AddHours(1)));

        if (OptionText(args, "--table") is null)
        {
            output.WriteLine($"Seeding {payments:N0} payments over {days} days into table {tableName} (pass --table {tableName} to reuse it)...");
            var seeding = Stopwatch.StartNew();
            await SeedAsync(new PaymentWriter(store, new TableOpenPaymentIndex(table), new PaymentChanges(settings, TimeProvider.System), new NoScheduler(), new ReconcilePolicy(), TimeProvider.System), index, payments, days, output);
            output.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s");
        }

        var reviewOrder = await FirstOrderAsync(search, "status=review");
        var queries = new (string Name, string Query)[]
        {
            ("newest 25, any status (default window: 90 days)", string.Empty),
            ("newest 100, status=succeeded", "status=succeeded&limit=100"),
            ("newest 25, status=review (about 1% of payments)", "status=review"),
            ("newest 25, method=alipay_web (server-side filter)", "method=alipay_web"),
            ("newest 25, status=failed&method=card", "status=failed&method=card"),
            ("one day, newest 100", $"createdFrom={Newest:yyyy-MM-dd}&createdTo={Newest:yyyy-MM-dd}&limit=100"),
            ("orderNumber (point read)", "orderNumber=" + reviewOrder),
        };

        output.WriteLine($"{payments:N0} payments over {days} days; median of {runs} runs; round trips = HTTP requests to the table (parallel ones counted each)");
        output.WriteLine($"{"query",-52} {"rows",5} {"requests",9} {"ms (median)",12}");
        foreach (var (name, query) in queries)
        {
            var (rows, requests, ms) = await MeasureAsync(runs, counter, () => search.SearchAsync(Parameter(query), default));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-52} {rows,5} {requests,9} {ms,12:F1}"));
        }

        // Paging through every review payment: pages, requests and time in all.
        var paging = Stopwatch.StartNew();
        var before = counter.Count;
        var (total, pages) = await PageAllAsync(search, "status=review&limit=100");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"all review payments, 100 a page",-52} {total,5} {counter.Count - before,9} {paging.Elapsed.TotalMilliseconds,12:F1}   ({pages} pages)"));

        var counting = Stopwatch.StartNew();
        before = counter.Count;
        var counts = await search.CountAsync(DateOnly.FromDateTime(Newest.UtcDateTime), default);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"counts by status, one day",-52} {counts.Total,5} {counter.Count - before,9} {counting.Elapsed.TotalMilliseconds,12:F1}"));
    }

    // The payment rows through the store (concurrently, one partition each); the index rows as the
    // index loads them from scratch (a batch per day-and-shard partition).
    private static async Task SeedAsync(PaymentWriter writer, TablePaymentIndex index, int payments, int days, TextWriter output)
    {
        var methods = new[] { PaymentMethod.Card, PaymentMethod.Card, PaymentMethod.Card, PaymentMethod.ApplePay, PaymentMethod.GooglePay, PaymentMethod.WeChatPayWeb, PaymentMethod.AlipayWeb, PaymentMethod.Fps };
        var span = TimeSpan.FromDays(days);
        var all = Enumerable.Range(0, payments).Select(i =>
        {
            var created = Newest - (span * i / payments);
            var order = $"LB{i:D7}";
            return new PaymentData
            {
                PaymentId = PaymentIds.ForOrder(order),
                OrderNumber = order,
                Account = "995149",
                Terminal = "99514901",
                Method = methods[i % methods.Length],
                Amount = new Money(1000 + (i % 5000), Currency.Parse("USD")),
                Status = (i % 100) switch
                {
                    < 70 => PaymentStatus.Succeeded,
                    < 85 => PaymentStatus.Failed,
                    < 95 => PaymentStatus.Pending,
                    < 99 => PaymentStatus.RequiresAction,
                    _ => PaymentStatus.Review,
                },
                Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@example.com", Country = "US" },
                ReturnUrl = "https://shop.example.com/r",
                ClientSecret = "cs_" + order,
                CreatedAt = created,
                UpdatedAt = created.AddMinutes(2),
                ChangeSequence = 1,
            };
        }).ToList();

        var clock = Stopwatch.StartNew();
        foreach (var block in all.Chunk(10_000))
        {
            await index.AddNewAsync(block, default);
        }

        output.WriteLine($"  index rows in {clock.Elapsed.TotalSeconds:F0} s");
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < all.Count)
            {
                await writer.TryCreateAsync(all[i], default);
                if (i % 10_000 == 0)
                {
                    output.WriteLine($"  payment rows: {i:N0} after {clock.Elapsed.TotalSeconds:F0} s");
                }
            }
        }));
    }

    private static async Task<(int Rows, int Requests, double Ms)> MeasureAsync(int runs, RequestCounter counter, Func<Task<PaymentSearchResult>> search)
    {
        await search();
        var times = new List<double>();
        var rows = 0;
        var requests = 0;
        for (var run = 0; run < runs; run++)
        {
            var before = counter.Count;
            var clock = Stopwatch.StartNew();
            var result = await search();
            times.Add(clock.Elapsed.TotalMilliseconds);
            rows = result.Page?.Data.Count ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
            requests = counter.Count - before;
        }

        times.Sort();
        return (rows, requests, times[times.Count / 2]);
    }

    private static async Task<(int Total, int Pages)> PageAllAsync(PaymentSearch search, string query)
    {
        var total = 0;
        var pages = 0;
        string? continuation = null;
        do
        {
            var page = (await search.SearchAsync(Parameter(query + (continuation is null ? string.Empty : "&after=" + continuation)), default)).Page!;
            total += page.Data.Count;
            pages++;
            continuation = page.Next;
        }
        while (continuation is not null);
        return (total, pages);
    }

    private static async Task<string> FirstOrderAsync(PaymentSearch search, string query)
        => (await search.SearchAsync(Parameter(query), default)).Page?.Data.FirstOrDefault()?.OrderNumber ?? "LB0000099";

    private static Func<string, string?> Parameter(string query)
    {
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
        return name => values.GetValueOrDefault(name);
    }

    private static int Option(string[] args, string name, int fallback)
        => OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class NoSignal : IPaymentChangeSignal
    {
        public Task<ChangeSignal> SignalAsync(string orderNumber, long sequence, CancellationToken cancellationToken)
            => Task.FromResult(new ChangeSignal(orderNumber, sequence, Handle: null));

        public Task ConcludeAsync(ChangeSignal signal, WriteOutcome outcome, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
