using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Payments;
using Payments.Functions;
using Payments.LocalHost;

namespace Payments.Benchmarks;

/// <summary>
/// Ingesting new payment notices: the app over HTTP (the local runner, the composition root, Azurite)
/// against the least storage work a notice needs, done directly with Azure.Data.Tables (one point read
/// and one entity-group batch per notice). Same number of notices, same concurrency, rounds
/// alternated in one process; prints each round and the ratio of the medians.
/// </summary>
internal static class IngestBenchmark
{
    private const string Storage = "UseDevelopmentStorage=true";
    private const string Account = "995149";
    private const string Terminal = "99514901";
    private const string SecureCodeText = "12345678";
    private const string ChangesQueue = "ingest-changes";

    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var notices = Option(args, "--notices", 300);
        var concurrency = Option(args, "--concurrency", 16);
        var rounds = Option(args, "--rounds", 5);
        var logLevel = Enum.Parse<LogLevel>(OptionText(args, "--log-level") ?? nameof(LogLevel.Warning), ignoreCase: true);
        var tableName = "ingest" + Guid.NewGuid().ToString("N")[..12];

        var settingsFile = Path.Combine(Path.GetTempPath(), $"ingest-settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(settingsFile, """{"IsEncrypted": false, "Values": {}}""");
        var app = BuildApp(tableName, settingsFile, logLevel);
        try
        {
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            var store = app.Services.GetRequiredService<IPaymentStore>();
            var writer = app.Services.GetRequiredService<PaymentWriter>();
            var table = new TableServiceClient(Storage).GetTableClient(tableName);
            // The same queue and encoding the app's change signal uses.
            var signal = new Azure.Storage.Queues.QueueClient(Storage, ChangesQueue, new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
            await signal.CreateIfNotExistsAsync();

            // Warm-up of the paths (JIT, connections, table creation), not counted.
            await RunRoundAsync("app", await SeedAsync(writer, 64), concurrency, o => PostNoticeAsync(http, o));
            await RunRoundAsync("floor", await SeedAsync(writer, 64), concurrency, o => FloorAsync(table, o, null));
            await RunRoundAsync("floor+signal", await SeedAsync(writer, 64), concurrency, o => FloorAsync(table, o, signal));

            output.WriteLine($"Ingest: {notices} new notices per round, {concurrency} concurrent, {rounds} rounds each, alternating; app log level {logLevel}");
            var appRates = new List<double>();
            var floorRates = new List<double>();
            var signalRates = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var appOrders = await SeedAsync(writer, notices);
                var appRate = await RunRoundAsync("app", appOrders, concurrency, o => PostNoticeAsync(http, o));
                await EnsureAppliedAsync(store, appOrders);
                var floorRate = await RunRoundAsync("floor", await SeedAsync(writer, notices), concurrency, o => FloorAsync(table, o, null));
                var signalRate = await RunRoundAsync("floor+signal", await SeedAsync(writer, notices), concurrency, o => FloorAsync(table, o, signal));
                appRates.Add(appRate);
                floorRates.Add(floorRate);
                signalRates.Add(signalRate);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}: app {appRate,7:F1} notices/s   floor {floorRate,7:F1}   floor+signal {signalRate,7:F1}   ratios {appRate / floorRate:F2} / {appRate / signalRate:F2}"));
            }

            var appMedian = Median(appRates);
            var floorMedian = Median(floorRates);
            var signalMedian = Median(signalRates);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Median: app {appMedian:F1} notices/s, floor {floorMedian:F1}, floor+signal {signalMedian:F1}; ratio {appMedian / floorMedian:F2}x to the floor, {appMedian / signalMedian:F2}x to the floor with the change signal (goal 0.80x)"));
            await table.DeleteAsync();
            await signal.DeleteIfExistsAsync();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            File.Delete(settingsFile);
        }
    }

    internal static WebApplication BuildApp(string tableName, string settingsFile, LogLevel logLevel, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = Storage,
            ["LocalHost:SettingsFile"] = settingsFile,
            ["Oceanpayment:Account"] = Account,
            // Notices never call the gateway; nothing listens here.
            ["Oceanpayment:PaymentBaseUrl"] = "http://127.0.0.1:9",
            ["Oceanpayment:QueryBaseUrl"] = "http://127.0.0.1:9",
            ["Oceanpayment:Terminals:0:Terminal"] = Terminal,
            ["Oceanpayment:Terminals:0:SecureCode"] = SecureCodeText,
            ["Oceanpayment:Terminals:0:Methods"] = "card",
            ["Oceanpayment:Terminals:1:Terminal"] = "99514902",
            ["Oceanpayment:Terminals:1:SecureCode"] = SecureCodeText,
            ["Oceanpayment:Terminals:2:Terminal"] = "99514903",
            ["Oceanpayment:Terminals:2:SecureCode"] = SecureCodeText,
            ["Payments:PublicBaseUrl"] = "http://127.0.0.1:7071/",
            ["Payments:AllowedReturnOrigins:0"] = "https://shop.example.com",
            ["Storage:PaymentsTable"] = tableName,
            ["Storage:ReconcileQueue"] = "ingest-reconcile",
            // Only the HTTP path is measured: no queue polling or timers beside it.
            ["AzureWebJobs.ReconcilePayment.Disabled"] = "true",
            ["AzureWebJobs.ReconcilePoison.Disabled"] = "true",
            ["AzureWebJobs.ReconcileSweep.Disabled"] = "true",
            ["Storage:ChangesQueue"] = ChangesQueue,
            ["AzureWebJobs.ProjectPaymentChange.Disabled"] = "true",
            ["AzureWebJobs.ProjectPaymentChangePoison.Disabled"] = "true",
            ["LocalHost:FunctionKeys:default"] = "ingest-key",
            ["LocalHost:MasterKey"] = "ingest-master",
            // The runner reads host.json's logging section (Information by default), as the host does.
            ["AzureFunctionsJobHost:logging:logLevel:default"] = logLevel.ToString(),
            ["AzureFunctionsJobHost:logging:logLevel:Function"] = logLevel.ToString(),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return LocalFunctionsHost.Build(
            ["--urls", "http://127.0.0.1:0"],
            typeof(PaymentsComposition).Assembly,
            extra: new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    private static async Task<double> RunRoundAsync(string name, IReadOnlyList<string> orders, int concurrency, Func<string, Task> ingest)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (order, _) => await ingest(order));
        clock.Stop();
        return orders.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Open card payments, written through the app's write path so both paths find the same rows.</summary>
    internal static async Task<IReadOnlyList<string>> SeedAsync(PaymentWriter writer, int count)
    {
        var orders = Enumerable.Range(0, count).Select(_ => "ING" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant()).ToList();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, ct) =>
        {
            var created = await writer.TryCreateAsync(
                new PaymentData
                {
                    PaymentId = PaymentIds.ForOrder(order),
                    OrderNumber = order,
                    Account = Account,
                    Terminal = Terminal,
                    Method = PaymentMethod.Card,
                    Amount = new Money(100, Currency.Parse("USD")),
                    Status = PaymentStatus.Processing,
                    Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@b.cd", Country = "US", State = "CA" },
                    ReturnUrl = "https://shop.example.com/done",
                    ClientSecret = "ingest-secret-" + order,
                    CreatedAt = now,
                    UpdatedAt = now,
                    SentAt = now,
                    // The gateway's id from the synchronous answer; a notice must name the same one.
                    GatewayPaymentId = GatewayPaymentId(order),
                },
                ct);
            if (!created)
            {
                throw new InvalidOperationException($"Seeding {order} failed.");
            }
        });
        return orders;
    }

    /// <summary>receive-ok is also the answer to a rejected notice: check that the notices were applied.</summary>
    private static async Task EnsureAppliedAsync(IPaymentStore store, IReadOnlyList<string> orders)
    {
        foreach (var order in new[] { orders[0], orders[^1] })
        {
            var status = (await store.FindAsync(order, default))?.Data.Status;
            if (status != PaymentStatus.Succeeded)
            {
                throw new InvalidOperationException($"The notice for {order} was not applied (status {status}); the benchmark would measure the rejection path.");
            }
        }
    }

    internal static async Task PostNoticeAsync(HttpClient http, string order)
    {
        using var content = new ByteArrayContent(Notice(order));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        using var response = await http.PostAsync("api/oceanpayment/notice", content);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || answer != "receive-ok")
        {
            throw new InvalidOperationException($"Notice for {order}: {(int)response.StatusCode} {answer}");
        }
    }

    /// <summary>The floor: read the payment, then one batch that updates it and inserts the notice's record;
    /// with <paramref name="signal"/>, also the one queue message a change now sends before its batch.</summary>
    private static async Task FloorAsync(TableClient table, string order, Azure.Storage.Queues.QueueClient? signal)
    {
        var payment = (await table.GetEntityAsync<TableEntity>(order, "payment")).Value;
        if (signal is not null)
        {
            await signal.SendMessageAsync($"{{\"orderNumber\":\"{order}\",\"sequence\":2,\"attempt\":0}}", TimeSpan.FromSeconds(1));
        }

        payment["Status"] = "Succeeded";
        payment["UpdatedAt"] = DateTimeOffset.UtcNow;
        var record = new TableEntity(order, "notice|" + order)
        {
            ["Kind"] = "notice",
            ["Id"] = order,
            ["At"] = DateTimeOffset.UtcNow,
            ["ValuesJson"] = JsonSerializer.Serialize(Fields(order)),
        };
        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, payment, payment.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, record),
        ]);
    }

    private static Dictionary<string, string> Fields(string order) => new()
    {
        ["notice_type"] = "transaction",
        ["response_type"] = "1",
        ["account"] = Account,
        ["terminal"] = Terminal,
        ["order_number"] = order,
        ["order_currency"] = "USD",
        ["order_amount"] = "1.00",
        ["order_notes"] = string.Empty,
        ["card_number"] = "411111****1111",
        ["payment_id"] = GatewayPaymentId(order),
        ["payment_authType"] = "0",
        ["payment_status"] = "1",
        ["payment_details"] = "80000:Transaction Approved",
        ["payment_risk"] = string.Empty,
    };

    /// <summary>A gateway payment id (21 digits, the shape Oceanpayment sends) derived from the order number.</summary>
    private static string GatewayPaymentId(string order)
        => "2612" + (BitConverter.ToUInt64(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(order))) % 100_000_000_000_000_000UL).ToString("D17", CultureInfo.InvariantCulture);

    /// <summary>A success notice signed with the app's own signer and the terminal's secure code.</summary>
    private static byte[] Notice(string order)
    {
        var fields = Fields(order);
        var signature = Signer.Sign(SignatureKind.Result, f => fields.GetValueOrDefault(f), SecureCode.From(SecureCodeText));
        var xml = new XElement("response", new XElement("signValue", signature), fields.Select(f => new XElement(f.Key, f.Value)));
        return Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting));
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static int Option(string[] args, string name, int fallback)
        => OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    internal static string? OptionText(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
