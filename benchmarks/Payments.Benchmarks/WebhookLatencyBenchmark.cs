using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Core.Application;

namespace Payments.Benchmarks;

/// <summary>
/// How long a merchant waits for a webhook: the app in the local runner (the product's host.json, so
/// the queue triggers poll with the host's back-off up to <c>maxPollingInterval</c>), Azurite, and a
/// local webhook receiver. Each payment is settled by a signed success notice; the latency of one
/// webhook is the time from its event's <c>createdAt</c> (stamped just before the change's batch is
/// committed) to its arrival at the receiver, both read from this machine's clock. Two phases: idle
/// (one payment at a time, with a pause between them long enough for the queue polling to back off)
/// and loaded (many payments, a fixed number in flight). Prints p50, p95 and max of each.
/// </summary>
internal static class WebhookLatencyBenchmark
{
    private const string Secret = "whsec_YmVuY2htYXJrLXdlYmhvb2stc2VjcmV0LTMyYnl0ZXM=";

    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var idlePayments = IngestBenchmark.Option(args, "--idle", 12);
        var pause = TimeSpan.FromMilliseconds(IngestBenchmark.Option(args, "--pause-ms", 5000));
        var loadedPayments = IngestBenchmark.Option(args, "--loaded", 240);
        var concurrency = IngestBenchmark.Option(args, "--concurrency", 24);
        var run = Guid.NewGuid().ToString("N")[..10];

        var received = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var arrivals = new ConcurrentDictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        await using var receiver = BuildReceiver(received, arrivals);
        await receiver.StartAsync();
        var hookUrl = receiver.Urls.First().TrimEnd('/') + "/hook";

        var settingsFile = Path.Combine(Path.GetTempPath(), $"latency-settings-{run}.json");
        await File.WriteAllTextAsync(settingsFile, """{"IsEncrypted": false, "Values": {}}""");
        var app = IngestBenchmark.BuildApp("latency" + run, settingsFile, LogLevel.Warning, new Dictionary<string, string?>
        {
            // The projector and the webhook delivery run, as deployed; the reconciler stays off.
            ["AzureWebJobs.ProjectPaymentChange.Disabled"] = "false",
            ["AzureWebJobs.ProjectPaymentChangePoison.Disabled"] = "false",
            ["Storage:ChangesQueue"] = "latency-changes-" + run,
            ["Storage:WebhookQueue"] = "latency-webhooks-" + run,
            ["Storage:WebhookDeadLetterQueue"] = "latency-webhooks-dead-" + run,
            ["Webhooks:Endpoints:0:Url"] = hookUrl,
            ["Webhooks:Endpoints:0:Events"] = "payment.succeeded",
            ["Webhooks:Endpoints:0:Secret"] = Secret,
        });
        try
        {
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            var writer = app.Services.GetRequiredService<PaymentWriter>();
            output.WriteLine($"Webhook latency (event createdAt -> received), app in the local runner with the product's host.json, Azurite, {Environment.ProcessorCount} cores");

            // Warm-up: JIT, connections, queue and table creation; not counted.
            await SettleAsync(http, await IngestBenchmark.SeedAsync(writer, 4), arrivals, concurrency: 4);
            received.Clear();

            // Idle: one payment at a time; the pause lets the queue triggers back off as they do on a quiet day.
            var idle = new List<TimeSpan>();
            foreach (var order in await IngestBenchmark.SeedAsync(writer, idlePayments))
            {
                await Task.Delay(pause);
                await SettleAsync(http, [order], arrivals, concurrency: 1);
                idle.Add(received[order]);
            }

            Report(output, $"idle ({idlePayments} payments, one at a time, {pause.TotalSeconds:F0} s apart)", idle);

            // Loaded: a fixed number of payments in flight.
            var loaded = await IngestBenchmark.SeedAsync(writer, loadedPayments);
            await Task.Delay(pause);
            var clock = Stopwatch.StartNew();
            await SettleAsync(http, loaded, arrivals, concurrency);
            clock.Stop();
            Report(output, $"loaded ({loadedPayments} payments, {concurrency} concurrent, {loadedPayments / clock.Elapsed.TotalSeconds:F1} payments/s end to end)", [.. loaded.Select(o => received[o])]);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            File.Delete(settingsFile);
        }
    }

    /// <summary>Posts each order's success notice and waits for its webhook (a minute at most).</summary>
    private static async Task SettleAsync(HttpClient http, IReadOnlyList<string> orders, ConcurrentDictionary<string, TaskCompletionSource> arrivals, int concurrency)
    {
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (order, _) =>
        {
            var arrived = arrivals.GetOrAdd(order, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await IngestBenchmark.PostNoticeAsync(http, order);
            await arrived.Task.WaitAsync(TimeSpan.FromMinutes(1));
        });
    }

    private static WebApplication BuildReceiver(ConcurrentDictionary<string, TimeSpan> received, ConcurrentDictionary<string, TaskCompletionSource> arrivals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var at = DateTimeOffset.UtcNow;
            using var body = await JsonDocument.ParseAsync(request.Body);
            var createdAt = body.RootElement.GetProperty("createdAt").GetDateTimeOffset();
            var order = body.RootElement.GetProperty("data").GetProperty("orderNumber").GetString()!;
            // A repeated delivery keeps the first arrival.
            received.TryAdd(order, at - createdAt);
            arrivals.GetOrAdd(order, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return Results.Ok();
        });
        return app;
    }

    private static void Report(TextWriter output, string phase, IReadOnlyList<TimeSpan> latencies)
    {
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToList();
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase}: p50 {Percentile(0.50):F0} ms, p95 {Percentile(0.95):F0} ms, max {sorted[^1]:F0} ms"));
    }
}
