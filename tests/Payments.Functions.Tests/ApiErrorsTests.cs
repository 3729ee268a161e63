using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Payments.Functions.Tests;

/// <summary>
/// Problem answers over real HTTP: each carries a catalogue code (the fixture's <see cref="ProblemCodeCheck"/>
/// fails any test that receives one without).
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ApiErrorsTests(AppFixture app)
{
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

    private static string Code(string text) => JsonNode.Parse(text)!["code"]!.GetValue<string>();

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
