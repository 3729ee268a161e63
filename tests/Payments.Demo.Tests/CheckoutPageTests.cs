using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Payments.Demo.Tests;

/// <summary>The demo checkout driven in Debian's Chromium against the whole stack.</summary>
[Trait("Category", "Browser")]
public sealed class CheckoutPageTests(DemoStackFixture stack) : IClassFixture<DemoStackFixture>, IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];
    private IPage _page = null!;

    private static string ExpiryYear => (DateTime.UtcNow.Year + 3).ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        // Only the shop's own pages: the sandbox's challenge page is not under test here.
        _page = await stack.NewPageAsync(_pageErrors, url => url.StartsWith(stack.ShopBase.ToString(), StringComparison.Ordinal));
    }

    public async Task DisposeAsync() => await _page.CloseAsync();

    [Fact]
    public async Task Card_Approved_ShowsSuccess_AndThePageNeverSeesTheFunctionKey()
    {
        await StartCheckoutAsync("Card", "10.50");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "2. Card details" })).ToBeFocusedAsync();

        await FillCardAsync("4111 1111 1111 1111");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 10.50" }).ClickAsync();

        await ExpectResultAsync("Payment successful");
        await Expect(_page.Locator("#detail-amount")).ToHaveTextAsync("USD 10.50");
        await Expect(_page.Locator("#detail-method")).ToContainTextAsync("411111");
        var payment = await ApiPaymentAsync();
        Assert.Equal("succeeded", payment["status"]!.GetValue<string>());
        Assert.Equal(1050, payment["amount"]!.GetValue<long>());
        await stack.ScreenshotAsync(_page, "card-approved");

        // The page got the client secret from the shop server, never the function key.
        var html = await _page.ContentAsync();
        var storage = await _page.EvaluateAsync<string>("() => JSON.stringify(sessionStorage)");
        Assert.DoesNotContain(DemoStackFixture.FunctionKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoStackFixture.FunctionKey, storage, StringComparison.Ordinal);
        Assert.Contains("clientSecret", storage, StringComparison.Ordinal);
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task Card_Approved_TheShopsOrderTurnsPaidBecauseOfTheSignedWebhook()
    {
        await StartCheckoutAsync("Card", "12.00");
        await FillCardAsync("4111 1111 1111 1111");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 12.00" }).ClickAsync();

        await ExpectResultAsync("Payment successful");
        var paymentId = (await ApiPaymentAsync())["paymentId"]!.GetValue<string>();
        // The shop's own record of the order turns paid only when its server verified the webhook.
        await Expect(_page.Locator("#order-state")).ToHaveAttributeAsync("data-state", "paid", new() { Timeout = 30_000 });
        var order = (await stack.ShopApi.GetFromJsonAsync<JsonNode>($"shop/orders/{paymentId}"))!;
        Assert.Equal("paid", order["state"]!.GetValue<string>());
        Assert.StartsWith($"evt_{paymentId["pay_".Length..]}.", order["paidByWebhook"]!.GetValue<string>(), StringComparison.Ordinal);
        await stack.ScreenshotAsync(_page, "order-paid-by-webhook");
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task TheShopsWebhookReceiver_RefusesAForgedOrStaleWebhook_AndTheOrderStaysUnpaid()
    {
        var created = await stack.ShopApi.PostAsJsonAsync("shop/checkout", new { method = "card", amount = "3.00" });
        var paymentId = (await created.Content.ReadFromJsonAsync<JsonNode>())!["paymentId"]!.GetValue<string>();
        var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["id"] = "evt_forged.1", ["type"] = "payment.succeeded", ["createdAt"] = "2026-12-02T00:00:00Z", ["data"] = new JsonObject { ["paymentId"] = paymentId } }.ToJsonString());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var forged = await PostWebhookAsync(body, "evt_forged.1", now, Sign(body, "evt_forged.1", now, "whsec_" + Convert.ToBase64String(new byte[32])));
        var stale = await PostWebhookAsync(body, "evt_forged.2", now - 600, Sign(body, "evt_forged.2", now - 600, Payments.DemoShop.DemoShopOptions.DevelopmentWebhookSecret));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal("awaiting_payment", (await stack.ShopApi.GetFromJsonAsync<JsonNode>($"shop/orders/{paymentId}"))!["state"]!.GetValue<string>());
        // Signed with the right secret and on time, the same message is taken.
        var genuine = await PostWebhookAsync(body, "evt_forged.3", now, Sign(body, "evt_forged.3", now, Payments.DemoShop.DemoShopOptions.DevelopmentWebhookSecret));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, genuine.StatusCode);
        Assert.Equal("paid", (await stack.ShopApi.GetFromJsonAsync<JsonNode>($"shop/orders/{paymentId}"))!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheShop_ServesTheCheckoutHelperFromItsOneSource_AsAScriptUnderItsPolicy()
    {
        using var response = await stack.ShopApi.GetAsync("payments-checkout.js");

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var source = await File.ReadAllTextAsync(Path.Combine(DemoStackFixture.RepositoryRoot(), "clients", "checkout-js", "payments-checkout.js"));
        Assert.Equal(source, await response.Content.ReadAsStringAsync());
    }

    // Standard Webhooks v1, computed here independently of the shop's code.
    private static string Sign(byte[] body, string id, long timestamp, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = System.Text.Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, signed));
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string id, long timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "shop/webhooks") { Content = new ByteArrayContent(body) };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        return await stack.ShopApi.SendAsync(request);
    }

    [Fact]
    public async Task Card_Declined_AsksForAnotherCard_AndTheNextCardPaysTheSamePayment()
    {
        await StartCheckoutAsync("Card", "20.00");
        await FillCardAsync("4000000000000002");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 20.00" }).ClickAsync();

        // Still on the card step, with the API's message for the decline, the fields cleared and focused.
        await Expect(_page.Locator("#card-error")).ToContainTextAsync("You can try one more card.");
        var declined = await ApiPaymentAsync();
        Assert.Equal("requires_payment_method", declined["status"]!.GetValue<string>());
        var apiMessage = declined["lastFailure"]!["message"]!.GetValue<string>();
        await Expect(_page.Locator("#card-error")).ToHaveTextAsync(apiMessage + " You can try one more card.");
        await Expect(_page.GetByLabel("Card number")).ToBeFocusedAsync();
        await Expect(_page.GetByLabel("Card number")).ToHaveValueAsync(string.Empty);
        await stack.ScreenshotAsync(_page, "card-declined-retry");

        await FillCardAsync("4111 1111 1111 1111");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 20.00" }).ClickAsync();

        await ExpectResultAsync("Payment successful");
        var paid = await ApiPaymentAsync();
        Assert.Equal(declined["paymentId"]!.GetValue<string>(), paid["paymentId"]!.GetValue<string>());
        Assert.Equal(["failed", "succeeded"], paid["attempts"]!.AsArray().Select(a => a!["status"]!.GetValue<string>()));
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task Card_DeclinedOnEveryAttempt_ShowsTheApisShopperMessage()
    {
        await StartCheckoutAsync("Card", "25.00");
        await FillCardAsync("4000000000000002");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 25.00" }).ClickAsync();
        await Expect(_page.Locator("#card-error")).ToContainTextAsync("You can try one more card.");
        await FillCardAsync("4000000000000002");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 25.00" }).ClickAsync();

        await ExpectResultAsync("Payment failed");
        var payment = await ApiPaymentAsync();
        Assert.Equal("failed", payment["status"]!.GetValue<string>());
        Assert.Equal("80022", payment["failure"]!["code"]!.GetValue<string>());
        var apiMessage = payment["failure"]!["message"]!.GetValue<string>();
        Assert.Contains("insufficient funds", apiMessage, StringComparison.OrdinalIgnoreCase);
        await Expect(_page.Locator("#result-message")).ToHaveTextAsync(apiMessage);
        await stack.ScreenshotAsync(_page, "card-declined");
        Assert.Empty(_pageErrors);
    }

    [Theory]
    [InlineData("Approve", "Payment successful", "succeeded", "3ds-approved")]
    [InlineData("Fail authentication", "Card declined", "requires_payment_method", "3ds-failed")]
    public async Task Card_ThreeDSecure_RedirectsToTheChallengeAndBack(string button, string title, string status, string screenshot)
    {
        await StartCheckoutAsync("Card", "42.00");
        await FillCardAsync("4000000000003220");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 42.00" }).ClickAsync();

        // The sandbox's challenge page, on the gateway's origin.
        await Expect(_page).ToHaveURLAsync(new Regex("^" + Regex.Escape(stack.SandboxBase.ToString())));
        await Expect(_page.GetByText("3-D Secure challenge")).ToBeVisibleAsync();
        if (status == "succeeded")
        {
            await stack.ScreenshotAsync(_page, "3ds-challenge");
        }

        // The button posts the auto-submitting form to the function app, which answers 303 to the shop's result page.
        await _page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();

        await ExpectResultAsync(title);
        var payment = await ApiPaymentAsync();
        Assert.Equal(status, payment["status"]!.GetValue<string>());
        Assert.Equal(status, new Uri(_page.Url).Query.Split('&').Select(p => p.Split('=')).Single(p => p[0] == "status")[1]);
        await stack.ScreenshotAsync(_page, screenshot);
        if (status == "requires_payment_method")
        {
            // The payment takes another card: the result page says why and leads back to the same payment's card step.
            var apiMessage = payment["lastFailure"]!["message"]!.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(apiMessage));
            await Expect(_page.Locator("#result-message")).ToHaveTextAsync(apiMessage);
            await _page.GetByRole(AriaRole.Link, new() { Name = "Try another card" }).ClickAsync();
            await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "2. Card details" })).ToBeFocusedAsync();
            await FillCardAsync("4111 1111 1111 1111");
            await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 42.00" }).ClickAsync();
            await ExpectResultAsync("Payment successful");
            Assert.Equal(payment["paymentId"]!.GetValue<string>(), (await ApiPaymentAsync())["paymentId"]!.GetValue<string>());
        }

        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task WeChatPay_QrCodeShown_SimulatedCustomerPays_Succeeds()
    {
        await StartCheckoutAsync("WeChat Pay", "88.80");

        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "2. Scan to pay with WeChat Pay" })).ToBeFocusedAsync();
        var qr = _page.GetByRole(AriaRole.Img, new() { Name = "QR code to pay USD 88.80 with WeChat Pay" });
        await Expect(qr).ToBeVisibleAsync();
        await Expect(qr).ToHaveAttributeAsync("src", new Regex("^" + Regex.Escape(stack.AppBase + "api/payments/") + ".+/qr\\.png$"));
        await _page.WaitForFunctionAsync("() => { const i = document.getElementById('qr-image'); return i.complete && i.naturalWidth > 100; }");
        var pending = await ApiPaymentAsync();
        Assert.Equal("pending", pending["status"]!.GetValue<string>());
        Assert.StartsWith("weixin://", pending["nextAction"]!["qrContent"]!.GetValue<string>(), StringComparison.Ordinal);
        await stack.ScreenshotAsync(_page, "wechat-qr");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Simulate the customer paying" }).ClickAsync();

        await ExpectResultAsync("Payment successful");
        Assert.Equal("succeeded", (await ApiPaymentAsync())["status"]!.GetValue<string>());
        await stack.ScreenshotAsync(_page, "wechat-paid");
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task Accessibility_AxeFindsNoSeriousViolations_FocusOrderFollowsTheForm_AndThePhoneViewportDoesNotScrollSideways()
    {
        var findings = new List<string>();

        await _page.GotoAsync(stack.ShopBase.ToString());
        await CheckPageAsync("checkout", findings);
        await stack.ScreenshotAsync(_page, "checkout");

        // Keyboard order: skip link, amount, the method group (one tab stop), continue.
        var order = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            await _page.Keyboard.PressAsync("Tab");
            order.Add(await _page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.className"));
        }

        Assert.Equal(["skip-link", "amount", "method-card", "continue"], order);

        // A validation error is announced, tied to its field, and takes the focus.
        await _page.GetByLabel("Amount in USD").FillAsync("ten");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await Expect(_page.GetByLabel("Amount in USD")).ToBeFocusedAsync();
        await Expect(_page.GetByLabel("Amount in USD")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(_page.GetByLabel("Amount in USD")).ToHaveAccessibleDescriptionAsync(new Regex("greater than zero"));
        await CheckPageAsync("checkout-invalid-amount", findings);

        await _page.GetByLabel("Amount in USD").FillAsync("12.00");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await Expect(_page.GetByLabel("Card number")).ToBeVisibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 12.00" }).ClickAsync();
        await Expect(_page.GetByLabel("Card number")).ToBeFocusedAsync();
        await Expect(_page.GetByLabel("Month (MM)")).ToHaveAccessibleDescriptionAsync(new Regex("expiry month.*expiry year"));
        await CheckPageAsync("card-form-errors", findings);
        await stack.ScreenshotAsync(_page, "card-form-errors");

        // A declined card: the message is announced (role=alert) and the shopper may try another.
        await FillCardAsync("4000000000000002");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 12.00" }).ClickAsync();
        await Expect(_page.Locator("#card-error")).ToContainTextAsync("You can try one more card.");
        await Expect(_page.GetByLabel("Card number")).ToBeFocusedAsync();
        await CheckPageAsync("card-declined-retry", findings);

        await FillCardAsync("4000000000000002");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Pay USD 12.00" }).ClickAsync();
        await ExpectResultAsync("Payment failed");
        await CheckPageAsync("result-failed", findings);

        await StartCheckoutAsync("FPS (Hong Kong Faster Payment System)", "5.00");
        await Expect(_page.GetByRole(AriaRole.Img, new() { Name = "QR code to pay USD 5.00 with FPS" })).ToBeVisibleAsync();
        await CheckPageAsync("fps-qr", findings);
        await stack.ScreenshotAsync(_page, "fps-qr");

        Assert.True(findings.Count == 0, "Accessibility findings:\n" + string.Join("\n", findings));
        Assert.Empty(_pageErrors);
    }

    private async Task CheckPageAsync(string state, List<string> findings)
    {
        findings.AddRange(await DemoStackFixture.SeriousAxeFindingsAsync(_page, state));

        var overflow = await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
        {
            findings.Add($"[{state}] the page is {overflow}px wider than the 390px phone viewport");
        }
    }

    private async Task StartCheckoutAsync(string method, string amount)
    {
        await _page.GotoAsync(stack.ShopBase.ToString());
        await _page.GetByLabel("Amount in USD").FillAsync(amount);
        await _page.GetByRole(AriaRole.Radio, new() { Name = method, Exact = true }).CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
    }

    private async Task FillCardAsync(string number)
    {
        await _page.GetByLabel("Card number").FillAsync(number);
        await _page.GetByLabel("Month (MM)").FillAsync("12");
        await _page.GetByLabel("Year (YYYY)").FillAsync(ExpiryYear);
        await _page.GetByLabel("Security code (CVC)").FillAsync("123");
    }

    private async Task ExpectResultAsync(string title)
    {
        await Expect(_page).ToHaveURLAsync(new Regex("^" + Regex.Escape(stack.ShopBase + "result.html?paymentId=")));
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(_page.Locator("main")).Not.ToHaveAttributeAsync("data-status", "loading");
    }

    /// <summary>The payment as the API reports it, read with the client secret the page holds.</summary>
    private async Task<JsonNode> ApiPaymentAsync()
    {
        var paymentId = await _page.EvaluateAsync<string>("() => new URLSearchParams(location.search).get('paymentId') || window.demoShopPaymentId");
        paymentId ??= await _page.EvaluateAsync<string>("() => Object.keys(sessionStorage).map(k => k.replace('demo-payment:', '')).pop()");
        var secret = await _page.EvaluateAsync<string>("id => JSON.parse(sessionStorage.getItem('demo-payment:' + id)).clientSecret", paymentId);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{paymentId}");
        request.Headers.Add("X-Client-Secret", secret);
        using var response = await stack.Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
