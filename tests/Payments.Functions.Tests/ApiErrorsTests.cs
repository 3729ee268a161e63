using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Payments.Functions.Tests;

/// <summary>
/// Problem answers over real HTTP: each carries a catalogue code (the fixture's <see cref="ProblemCodeCheck"/>
/// fails any test that receives one without), and a body field a route does not take is refused with
/// 400 unknown_field before anything is stored or changed.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ApiErrorsTests(AppFixture app)
{
    private static object Card(string cvcName = "cvc") => new Dictionary<string, object>
    {
        ["card"] = new Dictionary<string, string> { ["number"] = "4111111111111111", ["expMonth"] = "12", ["expYear"] = "2030", [cvcName] = "123" },
    };

    private Task<HttpResponseMessage> PostAsync(string path, object body, string? key = AppFixture.FunctionKey, string? clientSecret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (clientSecret is not null)
        {
            request.Headers.Add("X-Client-Secret", clientSecret);
        }

        return app.Api.SendAsync(request);
    }

    /// <summary>Asserts a 400 unknown_field naming exactly these field paths.</summary>
    private static async Task AssertUnknownAsync(HttpResponseMessage response, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var problem = JsonNode.Parse(text)!;
        Assert.Equal("unknown_field", problem["code"]!.GetValue<string>());
        Assert.Equal(fields.Order(StringComparer.Ordinal), problem["errors"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static string Code(string text) => JsonNode.Parse(text)!["code"]!.GetValue<string>();

    [Fact]
    public async Task Create_UnknownFields_Is400UnknownField_AndStoresNothing()
    {
        var order = "UF" + Guid.NewGuid().ToString("N")[..12];
        var billing = new Dictionary<string, string> { ["firstName"] = "Ann", ["lastName"] = "Lee", ["email"] = "ann@example.com", ["country"] = "US", ["state"] = "CA", ["adress"] = "1 Main St" };

        var response = await app.PostCreateAsync(new Dictionary<string, object?>
        {
            ["amount"] = 1050,
            ["currency"] = "USD",
            ["method"] = "card",
            ["billing"] = billing,
            ["returnUrl"] = AppFixture.ReturnOrigin + "/checkout/done",
            ["orderNumber"] = order,
            ["ordernumbr"] = order + "X",
            ["offSession"] = true,
            ["savePaymentMethod"] = true,
            ["metadata"] = new Dictionary<string, string> { ["maxAttempts"] = "free keys are the merchant's own" },
        });

        await AssertUnknownAsync(response, "billing.adress", "ordernumbr", "offSession", "savePaymentMethod");
        Assert.Empty(await app.RowsOfAsync(order));
        Assert.Empty(await app.RowsOfAsync(order + "X"));
    }

    [Fact]
    public async Task Create_KnownFieldsInAnotherCase_AreTakenAsBefore()
    {
        var response = await app.PostCreateAsync(new Dictionary<string, object>
        {
            ["Amount"] = 1050,
            ["CURRENCY"] = "USD",
            ["method"] = "card",
            ["billing"] = AppFixture.Billing(),
            ["ReturnUrl"] = AppFixture.ReturnOrigin + "/checkout/done",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Confirm_MisspeltCardField_Is400UnknownField_AndNothingIsSent()
    {
        var (id, order, secret) = await app.CreateAsync("card");

        await AssertUnknownAsync(await PostAsync($"api/payments/{id}/confirm", Card("cvv"), key: null, clientSecret: secret), "card.cvv");

        Assert.Equal("created", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
        Assert.Empty(await app.SandboxTransactionsAsync(order));
    }

    [Fact]
    public async Task Refund_MisspeltField_Is400UnknownField_AndNoRefundIsMade()
    {
        var (id, _, secret) = await app.CreateAsync("card");
        Assert.Equal("succeeded", (await app.ConfirmAsync(id, secret, Card()))["status"]!.GetValue<string>());

        await AssertUnknownAsync(await PostAsync($"api/payments/{id}/refunds", new { amount = 100, reson = "Returned item" }), "reson");

        var refunds = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}/refunds") { Headers = { { "x-functions-key", AppFixture.FunctionKey } } };
        var list = await app.Api.SendAsync(refunds);
        list.EnsureSuccessStatusCode();
        Assert.Empty(JsonNode.Parse(await list.Content.ReadAsStringAsync())!["data"]!.AsArray());
        Assert.Equal(0, (await app.GetAsync(id, secret))["amountRefunded"]!.GetValue<long>());
    }

    [Fact]
    public async Task CaptureAndCancel_MisspeltField_Is400UnknownField_AndTheAuthorisationStands()
    {
        var response = await app.PostCreateAsync(new { amount = 2000, currency = "USD", method = "card", capture = "pre_authorise", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/checkout/done" });
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var (id, secret) = (created["paymentId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>());
        Assert.Equal("authorised", (await app.ConfirmAsync(id, secret, Card()))["status"]!.GetValue<string>());

        await AssertUnknownAsync(await PostAsync($"api/payments/{id}/capture", new { amout = 1500 }), "amout");
        await AssertUnknownAsync(await PostAsync($"api/payments/{id}/cancel", new { reason = "out of stock" }), "reason");

        Assert.Equal("authorised", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReviewResolve_MisspeltField_Is400UnknownField_AndThePaymentStaysInReview()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web", amount: 2500);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, new { });
        await app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(Notices.Success(order, "0.25", terminal: "99514903"), "12345678"));
        Assert.Equal("review", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());

        var response = await PostAsync($"api/payments/{id}/review/resolve", new { status = "failed", reason = "Portal shows no capture.", resolvedBy = "ops" }, key: AppFixture.MasterKey);

        await AssertUnknownAsync(response, "resolvedBy");
        Assert.Equal("review", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CommonProblems_EachCarryTheirCode()
    {
        var before = app.Problems.Checked.Count;
        var order = "PC" + Guid.NewGuid().ToString("N")[..12];
        object Body(long amount) => new { amount, currency = "USD", method = "card", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/checkout/done", orderNumber = order };

        var unreadable = await app.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/payments")
        {
            Content = new StringContent("[1, 2]", Encoding.UTF8, "application/json"),
            Headers = { { "x-functions-key", AppFixture.FunctionKey } },
        });
        var invalid = await app.PostCreateAsync(new { amount = 1050, currency = "usd" });
        var badKey = await app.PostCreateAsync(Body(1050), idempotencyKey: new string('k', 256));
        var key = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await app.PostCreateAsync(Body(1050), idempotencyKey: key)).StatusCode);
        var reused = await app.PostCreateAsync(Body(1051), idempotencyKey: key);
        var taken = await app.PostCreateAsync(Body(1050));
        var noSecret = await app.Api.GetAsync($"api/payments/{Core.Application.PaymentIds.ForOrder(order)}");
        var wrongSecret = await app.Api.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/payments/{Core.Application.PaymentIds.ForOrder(order)}") { Headers = { { "X-Client-Secret", "wrong" } } });
        var notRefundable = await PostAsync($"api/payments/{Core.Application.PaymentIds.ForOrder(order)}/refunds", new { amount = 100 });
        var notCapturable = await PostAsync($"api/payments/{Core.Application.PaymentIds.ForOrder(order)}/capture", new { });

        Assert.Equal(
            [
                (400, "body_unreadable"), (400, "validation_failed"), (400, "idempotency_key_invalid"), (422, "idempotency_key_reused"),
                (409, "order_number_taken"), (401, "client_secret_required"), (404, "payment_not_found"), (409, "payment_not_refundable"),
                (409, "payment_not_capturable"),
            ],
            [
                ((int)unreadable.StatusCode, Code(await unreadable.Content.ReadAsStringAsync())),
                ((int)invalid.StatusCode, Code(await invalid.Content.ReadAsStringAsync())),
                ((int)badKey.StatusCode, Code(await badKey.Content.ReadAsStringAsync())),
                ((int)reused.StatusCode, Code(await reused.Content.ReadAsStringAsync())),
                ((int)taken.StatusCode, Code(await taken.Content.ReadAsStringAsync())),
                ((int)noSecret.StatusCode, Code(await noSecret.Content.ReadAsStringAsync())),
                ((int)wrongSecret.StatusCode, Code(await wrongSecret.Content.ReadAsStringAsync())),
                ((int)notRefundable.StatusCode, Code(await notRefundable.Content.ReadAsStringAsync())),
                ((int)notCapturable.StatusCode, Code(await notCapturable.Content.ReadAsStringAsync())),
            ]);
        Assert.True(app.Problems.Checked.Count >= before + 9, "The fixture's client did not check the problem answers.");
    }

    [Fact]
    public async Task MissingFunctionKey_IsTheHostsBodyless401()
    {
        var response = await app.PostCreateAsync(new { amount = 1050 }, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }
}
