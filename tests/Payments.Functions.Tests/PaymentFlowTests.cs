using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Payments.Functions.Tests;

/// <summary>Each method taken to its final state over real HTTP: runner + Azurite + sandbox.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class PaymentFlowTests(AppFixture app)
{
    private static object Card(string number) => new { card = new { number, expMonth = "12", expYear = "2030", cvc = "123" } };

    [Fact]
    public async Task Card_Approved_Succeeds()
    {
        var (id, order, secret) = await app.CreateAsync("card");

        var confirmed = await app.ConfirmAsync(id, secret, Card("4111111111111111"));

        Assert.Equal("succeeded", confirmed["status"]!.GetValue<string>());
        Assert.Equal("411111****1111", confirmed["maskedCard"]!.GetValue<string>());
        var transactions = await app.SandboxTransactionsAsync(order);
        Assert.Equal("10.50", Assert.Single(transactions)!["amount"]!.GetValue<string>());
    }

    [Fact]
    public async Task Card_Declined_FailsWithShopperMessage()
    {
        var (id, _, secret) = await app.CreateAsync("card");

        var confirmed = await app.ConfirmAsync(id, secret, Card("4000000000000002"));

        Assert.Equal("failed", confirmed["status"]!.GetValue<string>());
        Assert.Equal("80022", confirmed["failure"]!["code"]!.GetValue<string>());
        Assert.Contains("insufficient funds", confirmed["failure"]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("success", "succeeded")]
    [InlineData("fail", "failed")]
    public async Task Card_ThreeDSecure_CompletesThroughTheBrowserReturn(string outcome, string status)
    {
        var (id, order, secret) = await app.CreateAsync("card");
        await app.SetScenarioAsync(order, "no-notice"); // only the browser return can settle it

        var confirmed = await app.ConfirmAsync(id, secret, Card("4000000000003220"));
        Assert.Equal("requires_action", confirmed["status"]!.GetValue<string>());
        var payUrl = confirmed["nextAction"]!["redirectUrl"]!.GetValue<string>();

        // The shopper's browser: open the challenge, press a button, post the auto-submitted form to backUrl.
        var (action, fields) = await ShopperBrowser.ChallengeAsync(app.Sandbox, payUrl, outcome);
        var returned = await ShopperBrowser.PostAsync(action, fields);

        Assert.Equal(HttpStatusCode.SeeOther, returned.StatusCode);
        Assert.Equal($"{AppFixture.ReturnOrigin}/checkout/done?paymentId={id}&status={status}", returned.Headers.Location!.ToString());
        Assert.Equal(status, (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("apple_pay")]
    [InlineData("google_pay")]
    public async Task Wallet_Token_Succeeds(string method)
    {
        var (id, _, secret) = await app.CreateAsync(method);

        var confirmed = await app.ConfirmAsync(id, secret, new { walletToken = new { paymentData = new { version = "EC_v1", data = "opaque" } } });

        Assert.Equal("succeeded", confirmed["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("wechat_pay_web", "weixin://")]
    [InlineData("alipay_web", "")]
    [InlineData("fps", "")]
    public async Task WebQr_PaidBySimulatedCustomer_SucceedsByNotice(string method, string prefix)
    {
        var (id, order, secret) = await app.CreateAsync(method);

        var confirmed = await app.ConfirmAsync(id, secret, new { });
        Assert.Equal("pending", confirmed["status"]!.GetValue<string>());
        var action = confirmed["nextAction"]!;
        Assert.Equal("qr_code", action["type"]!.GetValue<string>());
        Assert.StartsWith(prefix, action["qrContent"]!.GetValue<string>(), StringComparison.Ordinal);
        var png = await app.Api.GetAsync(new Uri(action["qrImageUrl"]!.GetValue<string>()).PathAndQuery.TrimStart('/'));
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);

        var gatewayId = Assert.Single(await app.SandboxTransactionsAsync(order))!["payment_id"]!.GetValue<string>();
        (await app.Sandbox.PostAsJsonAsync($"sandbox/payments/{gatewayId}/complete", new { outcome = "success" })).EnsureSuccessStatusCode();

        await app.WaitForStatusAsync(id, secret, "succeeded");
    }

    [Theory]
    [InlineData("wechat_pay_mini_program")]
    [InlineData("wechat_pay_app")]
    [InlineData("alipay_mini_program")]
    [InlineData("alipay_app")]
    public async Task MiniProgramOrApp_ReturnsSdkParameters(string method)
    {
        var (id, _, secret) = await app.CreateAsync(method);

        var confirmed = await app.ConfirmAsync(id, secret, new { });

        Assert.Equal("sdk", confirmed["nextAction"]!["type"]!.GetValue<string>());
        Assert.NotEmpty(confirmed["nextAction"]!["sdkParameters"]!.AsObject());
    }

    [Fact]
    public async Task Confirm_Twice_ChargesOnce()
    {
        var (id, order, secret) = await app.CreateAsync("card");
        await app.ConfirmAsync(id, secret, Card("4111111111111111"));

        var again = await app.ConfirmAsync(id, secret, Card("4111111111111111"));

        Assert.Equal("succeeded", again["status"]!.GetValue<string>());
        Assert.Equal(1, Assert.Single(await app.SandboxTransactionsAsync(order))!["payment_requests"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("duplicate-notices")]
    [InlineData("notice-out-of-order")]
    public async Task Notices_DuplicateOrOutOfOrder_EndSucceeded(string scenario)
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web");
        await app.SetScenarioAsync(order, scenario);
        await app.ConfirmAsync(id, secret, new { });
        var gatewayId = Assert.Single(await app.SandboxTransactionsAsync(order))!["payment_id"]!.GetValue<string>();
        (await app.Sandbox.PostAsJsonAsync($"sandbox/payments/{gatewayId}/complete", new { outcome = "success" })).EnsureSuccessStatusCode();

        await app.WaitForStatusAsync(id, secret, "succeeded");
        // Let every notice (and duplicate, and stale one) arrive, then check again.
        await WaitForDeliveredNoticesAsync(order, scenario == "duplicate-notices" ? 3 : 2);
        Assert.Equal("succeeded", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithoutFunctionKey_Is401()
    {
        var response = await app.PostCreateAsync(new { amount = 100, currency = "USD", method = "card" }, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Create_Invalid_IsProblemDetails()
    {
        var response = await app.PostCreateAsync(new { amount = 0, currency = "usd", method = "bitcoin", returnUrl = "https://evil.example/x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("currency", errors.Select(e => e.Key));
        Assert.Contains("method", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Create_Idempotency_SameBodySamePaymentOtherBody422()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { amount = 500, currency = "EUR", method = "card", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/x" };

        var first = await app.PostCreateAsync(body, key);
        var second = await app.PostCreateAsync(body, key);
        var other = await app.PostCreateAsync(body with { amount = 501 }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(
            JsonNode.Parse(await first.Content.ReadAsStringAsync())!["paymentId"]!.GetValue<string>(),
            JsonNode.Parse(await second.Content.ReadAsStringAsync())!["paymentId"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
    }

    [Fact]
    public async Task Get_WrongClientSecret_Is404()
    {
        var (id, _, _) = await app.CreateAsync("card");
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}");
        request.Headers.Add("X-Client-Secret", id + "_secret_WRONG");

        Assert.Equal(HttpStatusCode.NotFound, (await app.Api.SendAsync(request)).StatusCode);
    }

    private async Task WaitForDeliveredNoticesAsync(string order, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var notices = await app.SandboxNoticesAsync(order);
            if (notices.Count >= count && notices.All(n => n!["delivered"]?.GetValue<bool>() ?? true))
            {
                return;
            }

            await Task.Delay(200);
        }
    }
}
