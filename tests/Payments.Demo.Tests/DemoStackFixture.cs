using System.Net;
using System.Net.Sockets;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Oceanpayment.Sandbox;
using Payments.DemoShop;
using Payments.Functions;
using Payments.LocalHost;

namespace Payments.Demo.Tests;

/// <summary>
/// The whole stack in-process on 127.0.0.1 (Oceanpayment sandbox, the function app in the local
/// runner with Azurite, the demo shop) and one headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class DemoStackFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; the environment variable DEMO_TESTS_CHROMIUM may point elsewhere.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("DEMO_TESTS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
    /// <summary>Chromium's switches for a quiet headless run in a container.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public const string FunctionKey = "demo-test-function-key";
    public const string OperatorName = "dev-operator";

    private readonly string _userDataDir = Path.Combine(Path.GetTempPath(), "demo-tests-chromium-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _sandbox;
    private WebApplication? _app;
    private WebApplication? _shop;
    private IPlaywright? _playwright;

    public Uri ShopBase { get; private set; } = null!;

    public Uri AppBase { get; private set; } = null!;

    public Uri SandboxBase { get; private set; } = null!;

    public IBrowserContext Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: artifacts/screenshots under the repository root (git-ignored).</summary>
    public string ScreenshotDir { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public HttpClient Api { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The function app's services, for a test that needs a state no API call reaches (a payment put into review).</summary>
    public IServiceProvider AppServices => _app!.Services;

    public HttpClient SandboxApi { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The demo shop's server, as the browser's page calls it.</summary>
    public HttpClient ShopApi { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        RequireChromium();
        Directory.CreateDirectory(ScreenshotDir);

        _sandbox = SandboxApp.Build(["--urls", "http://127.0.0.1:0"], o =>
        {
            o.PendingResolveDelay = TimeSpan.FromSeconds(1);
            o.NoticeRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)];
        });
        await _sandbox.StartAsync();
        SandboxBase = SandboxApp.BaseAddress(_sandbox);
        SandboxApi.BaseAddress = SandboxBase;

        AppBase = new Uri($"http://127.0.0.1:{FreePort()}/");
        ShopBase = new Uri($"http://127.0.0.1:{FreePort()}/");
        Api.BaseAddress = AppBase;
        ShopApi.BaseAddress = ShopBase;
        var settings = new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            // PAYMENTS_TEST_STORAGE may name another Azurite than the one on the default ports (scripts/azurite-connection.sh).
            ["AzureWebJobsStorage"] = Environment.GetEnvironmentVariable("PAYMENTS_TEST_STORAGE") is { Length: > 0 } storage ? storage : "UseDevelopmentStorage=true",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
            ["Oceanpayment:Account"] = "995149",
            ["Oceanpayment:PaymentBaseUrl"] = SandboxBase.ToString().TrimEnd('/'),
            ["Oceanpayment:QueryBaseUrl"] = SandboxBase.ToString().TrimEnd('/'),
            ["Oceanpayment:PaymentTimeoutSeconds"] = "5",
            ["Oceanpayment:QueryTimeoutSeconds"] = "5",
            ["Oceanpayment:Terminals:0:Terminal"] = "99514901",
            ["Oceanpayment:Terminals:0:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:0:Methods"] = "card,apple_pay,google_pay",
            ["Oceanpayment:Terminals:1:Terminal"] = "99514902",
            ["Oceanpayment:Terminals:1:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:2:Terminal"] = "99514903",
            ["Oceanpayment:Terminals:2:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:2:Methods"] = "wechat_pay_web,wechat_pay_mini_program,wechat_pay_app,alipay_web,alipay_mini_program,alipay_app,fps",
            ["Payments:PublicBaseUrl"] = AppBase.ToString(),
            ["Payments:AllowedReturnOrigins:0"] = ShopBase.GetLeftPart(UriPartial.Authority),
            ["Storage:PaymentsTable"] = "demo" + Guid.NewGuid().ToString("N")[..12],
            ["Storage:ReconcileQueue"] = "demo-reconcile-" + Guid.NewGuid().ToString("N")[..12],
            // The list index the console searches follows each change through this run's own queue, soon.
            ["Storage:ChangesQueue"] = "demo-changes-" + Guid.NewGuid().ToString("N")[..12],
            ["Events:SignalDelay"] = "00:00:00.200",
            // The demo shop's server is a webhook receiver: it marks its order paid when told.
            ["Storage:WebhookQueue"] = "demo-webhooks-" + Guid.NewGuid().ToString("N")[..12],
            ["Webhooks:Endpoints:0:Url"] = ShopBase + "shop/webhooks",
            ["Webhooks:Endpoints:0:Events"] = "payment.succeeded",
            ["Webhooks:Endpoints:0:Secret"] = Payments.DemoShop.DemoShopOptions.DevelopmentWebhookSecret,
            // The browser flows settle by notices and returns; the sweep timer stays off so it cannot
            // act on its schedule in the middle of a flow. The queue triggers listen on this run's queue.
            ["AzureWebJobs.ReconcileSweep.Disabled"] = "true",
            ["LocalHost:FunctionKeys:default"] = FunctionKey,
            ["LocalHost:MasterKey"] = "demo-test-master-key",
            // The operator console's tests sign in as this operator (development-only sign-in).
            ["Operators:DevelopmentSignIn"] = "true",
            ["Operators:DevelopmentName"] = OperatorName,
        };
        _app = LocalFunctionsHost.Build(
            ["--urls", AppBase.ToString().TrimEnd('/')],
            typeof(PaymentsComposition).Assembly,
            overrideServices: services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)),
            extra: new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await _app.StartAsync();

        _shop = DemoShopApp.Build(["--urls", ShopBase.ToString().TrimEnd('/')], o =>
        {
            o.FunctionAppBaseUrl = AppBase;
            o.FunctionKey = FunctionKey;
            o.SandboxBaseUrl = SandboxBase;
        });
        await _shop.StartAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_userDataDir, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            // A phone-sized viewport: the checkout must work there.
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "en-US",
        });
        Browser.SetDefaultTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var app in new[] { _shop, _app, _sandbox })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        Api.Dispose();
        SandboxApi.Dispose();
        ShopApi.Dispose();
        try
        {
            Directory.Delete(_userDataDir, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; the directory is in /tmp.
        }
    }

    /// <summary>A new page whose script errors, and console errors on the pages <paramref name="watched"/> accepts, land in <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string> errors, Func<string, bool> watched)
    {
        var page = await Browser.NewPageAsync();
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && watched(page.Url))
            {
                errors.Add($"console error on {page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>axe's serious and critical violations on the page as it stands, one line each, labelled with <paramref name="state"/>.</summary>
    public static async Task<List<string>> SeriousAxeFindingsAsync(IPage page, string state)
    {
        AxeResult result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // the scan really ran over the page
        return [.. result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"[{state}] {v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")];
    }

    public async Task ScreenshotAsync(IPage page, string name)
        => await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    /// <summary>Fails loudly, never skips: CI installs Chromium in .ci/run before the tests.</summary>
    public static void RequireChromium()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's Chromium at {ChromiumPath}, which is missing. Install it with "
                + "`apt-get update && apt-get install -y chromium` (.ci/run does this before the tests).");
        }
    }

    /// <summary>The folder that holds Payments.Functions.sln (the test's own folder when it is not found).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Payments.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
