using System.Net;
using System.Text.Json.Nodes;

namespace Payments.Functions.Tests;

/// <summary>Merchant metadata over real HTTP: stored, shown back, part of the idempotent body, never card data.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PaymentMetadataTests(AppFixture app)
{
    private static object Body(string order, object? metadata, object? privateMetadata = null)
        => new { amount = 1050, currency = "USD", method = "card", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/done", orderNumber = order, metadata, privateMetadata };

    private static string NewOrder() => "meta" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Create_WithMetadata_GetShowsIt()
    {
        var order = NewOrder();
        var metadata = new Dictionary<string, string> { ["orderRef"] = "1234567812345678", ["customer.id"] = "cus_831" };

        var response = await app.PostCreateAsync(Body(order, metadata));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("1234567812345678", created["metadata"]!["orderRef"]!.GetValue<string>());
        var view = await app.GetAsync(created["paymentId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>());
        var shown = view["metadata"]!.AsObject();
        Assert.Equal(["customer.id", "orderRef"], shown.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("1234567812345678", shown["orderRef"]!.GetValue<string>());
        Assert.Equal("cus_831", shown["customer.id"]!.GetValue<string>());
    }

    [Fact]
    public async Task PrivateMetadata_TheMerchantSeesIt_TheShoppersPageNever()
    {
        var response = await app.PostCreateAsync(Body(NewOrder(), new Dictionary<string, string> { ["cart"] = "c-9" }, new Dictionary<string, string> { ["fraudScore"] = "12" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("12", created["privateMetadata"]!["fraudScore"]!.GetValue<string>());
        var (id, secret) = (created["paymentId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>());
        var confirmed = await app.ConfirmAsync(id, secret, new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } });
        var shopper = await app.GetAsync(id, secret);
        foreach (var seen in new[] { confirmed, shopper })
        {
            Assert.Equal("c-9", seen["metadata"]!["cart"]!.GetValue<string>());
            Assert.False(seen.AsObject().ContainsKey("privateMetadata"));
            Assert.False(seen.AsObject().ContainsKey("refunds"));
        }

        using var read = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}/merchant");
        read.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        using var answer = await app.Api.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var merchant = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal("12", merchant["privateMetadata"]!["fraudScore"]!.GetValue<string>());
        Assert.Empty(merchant["refunds"]!.AsArray());
        Assert.Equal(shopper["status"]!.GetValue<string>(), merchant["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PrivateMetadata_CardLookingValue_Is400NamingIt()
    {
        var order = NewOrder();

        var response = await app.PostCreateAsync(Body(order, null, new Dictionary<string, string> { ["note"] = "4111-1111-1111-1111" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.NotNull(JsonNode.Parse(text)!["errors"]!["privateMetadata.note"]);
        Assert.DoesNotContain("1111", text, StringComparison.Ordinal);
        Assert.Empty(await app.RowsOfAsync(order));
    }

    [Fact]
    public async Task MerchantRead_UnknownPayment_Is404WithItsCode()
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, "api/payments/pay_nosuch" + Guid.NewGuid().ToString("N")[..8] + "/merchant");
        read.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        using var answer = await app.Api.SendAsync(read);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("payment_not_found", JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithoutMetadata_ShowsNone()
    {
        var (id, _, secret) = await app.CreateAsync("card");

        Assert.False((await app.GetAsync(id, secret)).AsObject().ContainsKey("metadata"));
    }

    [Fact]
    public async Task Create_CardLookingMetadata_Is400AndNothingIsStoredOrEchoed()
    {
        var order = NewOrder();
        const string pan = "4111 1111 1111 1111";
        var logsBefore = app.LogLines.Count;

        var key = Guid.NewGuid().ToString();

        var response = await app.PostCreateAsync(Body(order, new Dictionary<string, string> { ["note"] = pan }), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.NotNull(JsonNode.Parse(text)!["errors"]!["metadata.note"]);
        Assert.DoesNotContain("1111", text, StringComparison.Ordinal);
        Assert.Empty(await app.RowsOfAsync(order));
        Assert.DoesNotContain(app.LogLines.Skip(logsBefore), l => l.Contains("1111 1111", StringComparison.Ordinal) || l.Contains("4111111111111111", StringComparison.Ordinal));
        // The refused request claimed nothing: the same key with clean metadata creates the payment.
        var retried = await app.PostCreateAsync(Body(order, new Dictionary<string, string> { ["note"] = "call first" }), key);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    [Fact]
    public async Task Create_NonStringValuesAndTooManyKeys_Are400NamingEachProblem()
    {
        var metadata = Enumerable.Range(0, 20).ToDictionary(i => $"k{i}", i => (object)$"v{i}");
        metadata["count"] = 4111111111111111;
        metadata["nested"] = new { a = "b" };

        var response = await app.PostCreateAsync(Body(NewOrder(), metadata));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.Equal(["metadata", "metadata.count", "metadata.nested"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("4111", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyOtherMetadata_Is422()
    {
        var key = Guid.NewGuid().ToString();
        var order = NewOrder();

        var first = await app.PostCreateAsync(Body(order, new Dictionary<string, string> { ["orderRef"] = "A-1" }), key);
        var other = await app.PostCreateAsync(Body(order, new Dictionary<string, string> { ["orderRef"] = "A-2" }), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
    }
}
