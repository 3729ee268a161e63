using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Payments.Core.Application;
using static Microsoft.Playwright.Assertions;

namespace Payments.Demo.Tests;

/// <summary>
/// The operator console in Debian's Chromium against the whole stack (sandbox, the app in the local runner,
/// Azurite), signed in with the development sign-in: payments made through the API are found, read and
/// acted on in the console, by mouse and by keyboard, and axe finds nothing serious on any page.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsolePageTests(DemoStackFixture stack) : IClassFixture<DemoStackFixture>, IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];
    private IPage _page = null!;

    private string Console => stack.AppBase + "api/console/";

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        _page = await stack.NewPageAsync(_pageErrors, _ => true);
        await _page.SetViewportSizeAsync(1280, 900);
    }

    public async Task DisposeAsync() => await _page.CloseAsync();

    [Fact]
    public async Task PaymentPage_ShowsDetailsAndTimeline_AndAPartialRefundIsMadeAndNamesTheOperator()
    {
        var (id, order) = await PayAsync(2500);

        await OpenPaymentAsync(id);
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = $"Payment {id}", Level = 1 })).ToBeVisibleAsync();
        await Expect(Detail("Status")).ToHaveTextAsync("succeeded");
        await Expect(Detail("Amount")).ToHaveTextAsync("USD 25.00");
        await Expect(Detail("Order number")).ToHaveTextAsync(order);
        await Expect(_page.Locator("#timeline li").First).ToContainTextAsync("Payment created");
        await Expect(_page.GetByRole(AriaRole.Group, new() { Name = "Settle the review" })).ToBeHiddenAsync();
        await AxeAsync("payment page");
        await stack.ScreenshotAsync(_page, "console-payment");

        await _page.GetByLabel("Amount (USD)", new() { Exact = false }).FillAsync("4.00");
        await _page.GetByLabel("Reason").FillAsync("Returned one item");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true }).ClickAsync();

        await Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync("of USD 4.00 is");
        await Expect(_page.Locator("#timeline")).ToContainTextAsync($"asked for by {DemoStackFixture.OperatorName}: Returned one item");
        using var list = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}/refunds");
        list.Headers.Add("x-functions-key", DemoStackFixture.FunctionKey);
        var refunds = await (await stack.Api.SendAsync(list)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        var refund = Assert.Single(refunds!["data"]!.AsArray());
        Assert.Equal(400, refund!["amount"]!.GetValue<long>());
        await stack.ScreenshotAsync(_page, "console-refund");
        Assert.True(_pageErrors.Count == 0, string.Join("\n", _pageErrors));
    }

    [Fact]
    public async Task CheckNow_AsksTheGatewayAboutAPendingPayment_AndTheTimelineNamesTheOperator()
    {
        var (id, _) = await PayAsync(1200, "pending-forever");

        await OpenPaymentAsync(id);
        await Expect(Detail("Status")).ToHaveTextAsync("pending");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Check status with Oceanpayment now" }).ClickAsync();

        await Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Checked: the payment is pending|did not answer yet"));
        await Expect(_page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await Expect(_page.Locator("#timeline")).ToContainTextAsync($"{DemoStackFixture.OperatorName} asked Oceanpayment about the payment now.");
        Assert.True(_pageErrors.Count == 0, string.Join("\n", _pageErrors));
    }

    [Fact]
    public async Task AReviewIsSettledWithTheKeyboardOnly_AndTheTimelineNamesTheOperator()
    {
        var (id, order) = await PayAsync(3300, "pending-forever");
        Assert.True(await stack.AppServices.GetRequiredService<ReviewHandler>().MarkForReviewAsync(order, "test: amounts disagree", default));
        await WaitForListAsync("status=review", id);

        await OpenAsync("?view=review");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Review queue", Level = 1 })).ToBeVisibleAsync();
        var link = _page.GetByRole(AriaRole.Link, new() { Name = id });
        await Expect(link).ToBeVisibleAsync();
        await AxeAsync("review queue");
        await stack.ScreenshotAsync(_page, "console-review-queue");

        // Keyboard only from here: the queue's link, then the resolve form.
        await link.FocusAsync();
        await _page.Keyboard.PressAsync("Enter");
        await ArriveAsync($"?payment={id}");
        await Expect(Detail("Status")).ToHaveTextAsync("review");
        await AxeAsync("payment in review");
        await stack.ScreenshotAsync(_page, "console-review-payment");

        // Tab from the check button into the resolve form, arrow keys in the radio group, Enter to send.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Check status with Oceanpayment now" }).FocusAsync();
        await _page.Keyboard.PressAsync("Tab");
        await Expect(_page.GetByRole(AriaRole.Radio, new() { Name = "Succeeded", Exact = false })).ToBeFocusedAsync();
        await _page.Keyboard.PressAsync("ArrowDown");
        await Expect(_page.GetByRole(AriaRole.Radio, new() { Name = "Failed", Exact = false })).ToBeCheckedAsync();
        await _page.Keyboard.PressAsync("Tab");
        await Expect(_page.GetByLabel("What you checked")).ToBeFocusedAsync();
        await _page.Keyboard.TypeAsync("No payment in the gateway's back office");
        await _page.Keyboard.PressAsync("Tab");
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Settle review" })).ToBeFocusedAsync();
        await _page.Keyboard.PressAsync("Enter");

        await Expect(_page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Review settled: the payment is failed.");
        await Expect(Detail("Status")).ToHaveTextAsync("failed");
        await Expect(_page.Locator("#timeline")).ToContainTextAsync($"{DemoStackFixture.OperatorName} settled the review as Failed: No payment in the gateway's back office");
        await stack.ScreenshotAsync(_page, "console-review-settled");
        Assert.True(_pageErrors.Count == 0, string.Join("\n", _pageErrors));
    }

    [Fact]
    public async Task Search_FiltersByOrderNumberAndStatus_PagesThroughResults_AndShowsTodaysCounts()
    {
        var (paidId, paidOrder) = await PayAsync(1500);
        var (pendingId, _) = await PayAsync(1600, "pending-forever");
        var (otherPendingId, _) = await PayAsync(1700, "pending-forever");
        await WaitForListAsync("status=succeeded", paidId);
        await WaitForListAsync("status=pending", pendingId);
        await WaitForListAsync("status=pending", otherPendingId);

        await OpenAsync(string.Empty);
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Payments", Level = 1 })).ToBeVisibleAsync();
        await Expect(_page.Locator("#counts-day")).ToContainTextAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(_page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^succeeded: [1-9]") })).ToBeVisibleAsync();
        await Expect(_page.GetByRole(AriaRole.Link, new() { Name = paidId })).ToBeVisibleAsync();
        await AxeAsync("search");
        await stack.ScreenshotAsync(_page, "console-search");

        // By order number: exactly that payment.
        await _page.GetByLabel("Order number").FillAsync(paidOrder);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await ArriveAsync("orderNumber=");
        await Expect(_page.Locator("#results tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.GetByRole(AriaRole.Link, new() { Name = paidId })).ToBeVisibleAsync();

        // By status: the pending one, not the paid one; one a page, and the next page is another payment.
        await OpenAsync("?status=pending&limit=1");
        await Expect(_page.GetByLabel("Status")).ToHaveValueAsync("pending");
        await Expect(_page.Locator("#results tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#results tbody tr td").Nth(1)).ToHaveTextAsync("pending");
        await Expect(_page.GetByRole(AriaRole.Link, new() { Name = paidId })).ToHaveCountAsync(0);
        var first = await _page.Locator("#results tbody th a").TextContentAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Older payments" }).ClickAsync();
        await ArriveAsync("after=");
        await Expect(_page.Locator("#results tbody th a")).Not.ToHaveTextAsync(first!);
        await Expect(_page.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToBeVisibleAsync();

        // A result opens its payment page.
        await OpenAsync("?status=pending");
        await _page.GetByRole(AriaRole.Link, new() { Name = pendingId }).ClickAsync();
        await ArriveAsync($"?payment={pendingId}");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = $"Payment {pendingId}", Level = 1 })).ToBeVisibleAsync();
        await Expect(_page.Locator("#timeline li").First).ToContainTextAsync("Payment created");
        Assert.True(_pageErrors.Count == 0, string.Join("\n", _pageErrors));
    }

    private ILocator Detail(string name) => _page.Locator($"#payment-details dt:text-is('{name}') + dd");

    private Task OpenPaymentAsync(string id) => OpenAsync($"?payment={id}");

    /// <summary>
    /// Waits until a link or form has taken the page to an address containing <paramref name="part"/> and the console
    /// there is ready. The address is polled rather than awaited as a navigation event: a navigation that commits
    /// while the waiter is being set up was missed under load (CI, December 2026).
    /// </summary>
    private async Task ArriveAsync(string part)
    {
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(part)));
        await _page.WaitForSelectorAsync("body[data-ready]");
    }

    private async Task OpenAsync(string query)
    {
        await _page.GotoAsync(Console + query);
        await _page.WaitForSelectorAsync("body[data-ready]");
    }

    /// <summary>Waits until the list index (kept by the change projector, about a second behind) lists the payment.</summary>
    private async Task WaitForListAsync(string filter, string id)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments?{filter}&limit=100");
            request.Headers.Add("x-functions-key", DemoStackFixture.FunctionKey);
            var page = await (await stack.Api.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
            if (page!["data"]!.AsArray().Any(p => p!["paymentId"]!.GetValue<string>() == id))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{id} was not listed with {filter} within 15 s.");
    }

    /// <summary>A card payment made through the API as a merchant's server and checkout page would; the sandbox scenario is set before the confirm.</summary>
    private async Task<(string Id, string Order)> PayAsync(long amount, string? scenario = null)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "api/payments")
        {
            Content = JsonContent.Create(new
            {
                amount,
                currency = "USD",
                method = "card",
                returnUrl = stack.ShopBase + "done",
                billing = new { firstName = "Ann", lastName = "Lee", email = "ann@example.com", country = "US", state = "CA" },
            }),
        };
        create.Headers.Add("x-functions-key", DemoStackFixture.FunctionKey);
        var created = (await (await stack.Api.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        var id = created["paymentId"]!.GetValue<string>();
        var order = created["orderNumber"]!.GetValue<string>();
        if (scenario is not null)
        {
            (await stack.SandboxApi.PutAsJsonAsync($"sandbox/orders/{order}/scenario", new { scenario })).EnsureSuccessStatusCode();
        }

        using var confirm = new HttpRequestMessage(HttpMethod.Post, $"api/payments/{id}/confirm")
        {
            Content = JsonContent.Create(new { card = new { number = "4111111111111111", expMonth = "12", expYear = (DateTime.UtcNow.Year + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), cvc = "123" } }),
        };
        confirm.Headers.Add("X-Client-Secret", created["clientSecret"]!.GetValue<string>());
        (await stack.Api.SendAsync(confirm)).EnsureSuccessStatusCode();
        return (id, order);
    }

    private async Task AxeAsync(string state)
    {
        var findings = await DemoStackFixture.SeriousAxeFindingsAsync(_page, state);
        Assert.True(findings.Count == 0, "Accessibility findings:\n" + string.Join("\n", findings));
    }
}
