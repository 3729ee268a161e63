using Microsoft.Playwright;

namespace Payments.Demo.Tests;

/// <summary>
/// Debian's Chromium with one made-up origin, answered by Playwright's router rather than a server:
/// a blank page under the shop's strict script policy, the checkout helper straight from its one
/// source (clients/checkout-js) and the test harness. No stack, no ports.
/// </summary>
public sealed class CheckoutModuleFixture : IAsyncLifetime
{
    public const string Origin = "https://checkout.test";

    private const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Checkout helper under test</title>
        <script type="module" src="/checkout-harness.js"></script></head><body></body></html>
        """;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowserContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DemoStackFixture.RequireChromium();
        var root = DemoStackFixture.RepositoryRoot();
        var files = new Dictionary<string, (string Type, string Text)>(StringComparer.Ordinal)
        {
            ["/"] = ("text/html", Page),
            ["/payments-checkout.js"] = ("text/javascript", await File.ReadAllTextAsync(Path.Combine(root, "clients", "checkout-js", "payments-checkout.js"))),
            ["/checkout-harness.js"] = ("text/javascript", await File.ReadAllTextAsync(Path.Combine(root, "tests", "Payments.Demo.Tests", "checkout-harness.js"))),
        };

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DemoStackFixture.ChromiumPath,
            Headless = true,
            Args = DemoStackFixture.ChromiumArgs,
        });
        Context = await _browser.NewContextAsync();
        Context.SetDefaultTimeout(10_000);
        await Context.RouteAsync(Origin + "/**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            if (!files.TryGetValue(path, out var file))
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
                return;
            }

            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                ContentType = file.Type,
                Body = file.Text,
                // The demo shop's policy for scripts: only from this origin, no inline script, no eval.
                Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'" },
            });
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
