using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oceanpayment.Sandbox;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;
using Payments.Functions;
using Payments.LocalHost;

namespace Payments.Functions.Tests;

/// <summary>
/// The whole product over real HTTP: the Oceanpayment sandbox, the function app in the local
/// runner (same composition root as Program.cs), Azurite for tables and queues.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string FunctionKey = "e2e-function-key";
    public const string MasterKey = "e2e-master-key";
    public const string ReturnOrigin = "https://shop.example.com";

    private WebApplication? _sandbox;
    private WebApplication? _app;
    private string? _settingsFile;

    public ConcurrentQueue<string> LogLines { get; } = new();

    /// <summary>Counts the storage requests of code run inside <see cref="StorageRequestCounter.Measure"/>.</summary>
    public StorageRequestCounter StorageRequests { get; } = new();

    /// <summary>Checks every problem answer <see cref="Api"/> receives (a code of the catalogue, its status and type).</summary>
    public ProblemCodeCheck Problems { get; } = new();

    public HttpClient Api { get; }

    public HttpClient Sandbox { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Uri AppBase { get; private set; } = null!;

    public Uri SandboxBase { get; private set; } = null!;

    /// <summary>The running app's services (the composition root's singletons, such as its telemetry).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The app has not started.");

    public string TableName { get; } = "e2e" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// This run's reconcile queue. It reaches the app as the app setting <c>Storage__ReconcileQueue</c>
    /// of a local.settings.json, the spelling the host reads, so the trigger, the scheduler and the
    /// poison queue of this fixture are apart from any other run's on the same Azurite.
    /// </summary>
    public string ReconcileQueueName { get; } = "e2e-reconcile-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>This run's payment-change queue (<c>Storage__ChangesQueue</c>), apart like the reconcile queue.</summary>
    public string ChangesQueueName { get; } = "e2e-changes-" + Guid.NewGuid().ToString("N")[..12];

    public TableClient Table => new TableServiceClient(TestStorage.ConnectionString).GetTableClient(TableName);

    public QueueClient Queue(string name) => new QueueServiceClient(TestStorage.ConnectionString).GetQueueClient(name);

    public AppFixture()
    {
        Api = new HttpClient(Problems) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task InitializeAsync()
    {
        _sandbox = SandboxApp.Build(["--urls", "http://127.0.0.1:0"], o =>
        {
            o.PendingResolveDelay = TimeSpan.FromSeconds(1);
            o.TimeoutAfterCommitDelay = TimeSpan.FromSeconds(20);
            o.RefundSettleDelay = TimeSpan.FromSeconds(1);
            o.NoticeRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)];
            ConfigureSandbox(o);
        });
        await _sandbox.StartAsync();
        SandboxBase = SandboxApp.BaseAddress(_sandbox);
        Sandbox.BaseAddress = SandboxBase;

        var port = FreePort();
        AppBase = new Uri($"http://127.0.0.1:{port}/");
        Api.BaseAddress = AppBase;
        var settings = new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = TestStorage.ConnectionString,
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.500",
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
            ["Oceanpayment:Account"] = "995149",
            ["Oceanpayment:PaymentBaseUrl"] = SandboxBase.ToString().TrimEnd('/'),
            ["Oceanpayment:QueryBaseUrl"] = SandboxBase.ToString().TrimEnd('/'),
            ["Oceanpayment:PaymentTimeoutSeconds"] = "3",
            ["Oceanpayment:QueryTimeoutSeconds"] = "3",
            ["Oceanpayment:Terminals:0:Terminal"] = "99514901",
            ["Oceanpayment:Terminals:0:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:0:Methods"] = "card,apple_pay,google_pay",
            // 99514902 takes no new payment here (RoutedTerminalsTests route to it).
            ["Oceanpayment:Terminals:1:Terminal"] = "99514902",
            ["Oceanpayment:Terminals:1:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:2:Terminal"] = "99514903",
            ["Oceanpayment:Terminals:2:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:2:Methods"] = "wechat_pay_web,wechat_pay_mini_program,wechat_pay_app,alipay_web,alipay_mini_program,alipay_app,fps",
            ["Payments:PublicBaseUrl"] = AppBase.ToString(),
            ["Payments:AllowedReturnOrigins:0"] = ReturnOrigin,
            ["Storage:PaymentsTable"] = TableName,
            ["Events:SignalDelay"] = "00:00:00.200",
            // The webhook triggers listen on %Storage:WebhookQueue%; a queue of this run's own.
            ["Storage:WebhookQueue"] = "e2e-webhooks-" + Guid.NewGuid().ToString("N")[..12],
            ["LocalHost:FunctionKeys:default"] = FunctionKey,
            ["LocalHost:MasterKey"] = MasterKey,
        };
        _settingsFile = Path.Combine(Path.GetTempPath(), $"e2e-local-settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_settingsFile, JsonSerializer.Serialize(new { IsEncrypted = false, Values = new Dictionary<string, string> { ["Storage__ReconcileQueue"] = ReconcileQueueName, ["Storage__ChangesQueue"] = ChangesQueueName } }));
        settings["LocalHost:SettingsFile"] = _settingsFile;
        Configure(settings);
        _app = LocalFunctionsHost.Build(
            ["--urls", AppBase.ToString().TrimEnd('/')],
            typeof(PaymentsComposition).Assembly,
            overrideServices: services =>
            {
                services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(LogLines));
                StorageRequests.AddTo(services);
                if (Policy() is { } policy)
                {
                    services.AddSingleton(policy);
                }

                ConfigureServices(services);
            },
            extra: new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await _app.StartAsync();
    }

    /// <summary>Checks in seconds instead of minutes, so reconciliation is observable in a test; null keeps the product's policy.</summary>
    protected virtual ReconcilePolicy? Policy() => new()
    {
        Schedule = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)],
        NotFoundGracePeriod = TimeSpan.FromSeconds(2),
        Horizon = TimeSpan.FromSeconds(8),
        Jitter = 0,
        SweepGrace = TimeSpan.Zero,
    };

    /// <summary>Lets a derived fixture change the sandbox's settings (its terminals, say) before it starts.</summary>
    protected virtual void ConfigureSandbox(SandboxOptions options)
    {
    }

    /// <summary>Lets a derived fixture change the app's settings before it starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    /// <summary>Lets a derived fixture replace the app's services; runs after every other registration.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.StopAsync();
            await _sandbox.DisposeAsync();
        }

        Api.Dispose();
        Sandbox.Dispose();
        if (_settingsFile is not null)
        {
            File.Delete(_settingsFile);
        }
    }

    public static object Billing() => new { firstName = "Ann", lastName = "Lee", email = "ann@example.com", country = "US", state = "CA", city = "San Jose", address = "1 Main St", zip = "95112", phone = "+1 408 555 0100" };

    /// <summary>A card payment already sent to the gateway (status processing), to write straight into the store.</summary>
    public static PaymentData OpenPayment(string orderNumber, string terminal, string clientSecret, DateTimeOffset sentAt) => new()
    {
        PaymentId = PaymentIds.ForOrder(orderNumber),
        OrderNumber = orderNumber,
        Account = "995149",
        Terminal = terminal,
        Method = PaymentMethod.Card,
        Amount = new Money(100, Currency.Parse("USD")),
        Status = PaymentStatus.Processing,
        Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@b.cd", Country = "US", State = "CA" },
        ReturnUrl = ReturnOrigin + "/x",
        ClientSecret = clientSecret,
        CreatedAt = sentAt,
        UpdatedAt = sentAt,
        SentAt = sentAt,
    };

    /// <summary>Creates a payment as the merchant's server does (function key).</summary>
    public async Task<(string PaymentId, string OrderNumber, string ClientSecret)> CreateAsync(string method, long amount = 1050, string currency = "USD", string? orderNumber = null)
    {
        var response = await PostCreateAsync(new { amount, currency, method, billing = Billing(), returnUrl = ReturnOrigin + "/checkout/done", orderNumber });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["paymentId"]!.GetValue<string>(), body["orderNumber"]!.GetValue<string>(), body["clientSecret"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> PostCreateAsync(object body, string? idempotencyKey = null, string? key = FunctionKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/payments") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Api.SendAsync(request);
    }

    public async Task<JsonNode> ConfirmAsync(string paymentId, string clientSecret, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/payments/{paymentId}/confirm") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Client-Secret", clientSecret);
        var response = await Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> GetAsync(string paymentId, string clientSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{paymentId}");
        request.Headers.Add("X-Client-Secret", clientSecret);
        var response = await Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Polls the status endpoint, as a checkout page does, until the status is reached.</summary>
    public async Task<JsonNode> WaitForStatusAsync(string paymentId, string clientSecret, string status, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        JsonNode current;
        do
        {
            current = await GetAsync(paymentId, clientSecret);
            if (current["status"]!.GetValue<string>() == status)
            {
                return current;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Payment {paymentId} stayed {current["status"]} instead of reaching {status}.");
        return current;
    }

    /// <summary>A 3-D Secure card payment whose only news will come from the shopper (no notice), taken
    /// through the challenge: the form the shopper's browser would post to backUrl, not yet posted.</summary>
    public async Task<(string Id, string Order, string Secret, string Action, List<KeyValuePair<string, string>> Fields)> ThreeDSecureReturnAsync(string outcome)
    {
        var (id, order, secret) = await CreateAsync("card");
        await SetScenarioAsync(order, "no-notice");
        var confirmed = await ConfirmAsync(id, secret, new { card = new { number = "4000000000003220", expMonth = "12", expYear = "2030", cvc = "123" } });
        var (action, fields) = await ShopperBrowser.ChallengeAsync(Sandbox, confirmed["nextAction"]!["redirectUrl"]!.GetValue<string>(), outcome);
        return (id, order, secret, action, fields);
    }

    public async Task SetScenarioAsync(string orderNumber, string scenario)
    {
        var response = await Sandbox.PutAsJsonAsync($"sandbox/orders/{orderNumber}/scenario", new { scenario });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every row in the order's partition: the payment and its records.</summary>
    public async Task<List<TableEntity>> RowsOfAsync(string orderNumber)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {orderNumber}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<JsonArray> SandboxTransactionsAsync(string orderNumber)
        => (JsonNode.Parse(await Sandbox.GetStringAsync($"sandbox/transactions?order_number={orderNumber}")) as JsonArray)!;

    public async Task<JsonArray> SandboxNoticesAsync(string orderNumber)
        => (JsonNode.Parse(await Sandbox.GetStringAsync($"sandbox/notices?order_number={orderNumber}")) as JsonArray)!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Keeps every formatted log line (and exception) so tests can scan them.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
