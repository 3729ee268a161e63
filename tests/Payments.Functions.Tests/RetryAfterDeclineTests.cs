using System.Net;
using System.Text.Json.Nodes;

namespace Payments.Functions.Tests;

/// <summary>Retry after a decline (<c>maxAttempts</c>) over real HTTP: runner + Azurite + sandbox.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RetryAfterDeclineTests(AppFixture app)
{
    private const string Declined = "4000000000000002";
    private const string Approved = "4111111111111111";

    private static object Card(string number) => new { card = new { number, expMonth = "12", expYear = "2030", cvc = "123" } };

    [Fact]
    public async Task DeclineThenApprove_OnOnePayment_Succeeds_WithTwoGatewayOrdersAndOneCharge()
    {
        var (id, order, secret) = await CreateAsync(maxAttempts: 3);

        var declined = await app.ConfirmAsync(id, secret, Card(Declined));

        Assert.Equal("requires_payment_method", declined["status"]!.GetValue<string>());
        Assert.Equal("80022", declined["lastFailure"]!["code"]!.GetValue<string>());
        Assert.Equal("insufficient_funds", declined["lastFailure"]!["declineCode"]!.GetValue<string>());
        Assert.Equal(2, declined["attemptsLeft"]!.GetValue<int>());
        Assert.Null(declined["failure"]);

        var approved = await app.ConfirmAsync(id, secret, Card(Approved));

        Assert.Equal("succeeded", approved["status"]!.GetValue<string>());
        var first = Assert.Single(await app.SandboxTransactionsAsync(order))!;
        var second = Assert.Single(await app.SandboxTransactionsAsync(order + "__2"))!;
        Assert.Equal(("0", "1"), (first["status"]!.GetValue<string>(), second["status"]!.GetValue<string>()));

        // The decline's notice, for the first attempt's order number, arrives after the payment moved on: it changes nothing.
        await WaitForDeliveredNoticesAsync(order);
        await WaitForDeliveredNoticesAsync(order + "__2");
        var read = await MerchantReadAsync(id);
        Assert.Equal("succeeded", read["status"]!.GetValue<string>());
        Assert.Equal((3, 0), (read["maxAttempts"]!.GetValue<int>(), read["attemptsLeft"]!.GetValue<int>()));
        Assert.Equal(
            [(1, order, "failed"), (2, order + "__2", "succeeded")],
            read["attempts"]!.AsArray().Select(a => (a!["number"]!.GetValue<int>(), a["orderNumber"]!.GetValue<string>(), a["status"]!.GetValue<string>())));
        Assert.Equal("80022", read["attempts"]![0]!["failure"]!["code"]!.GetValue<string>());

        // payment.failed for the declined attempt, with what is left, then payment.succeeded: nothing else.
        // Readable once projected (at once by the committing instance; the changes queue is the fallback).
        var events = await EventsOfAsync(order);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); events.Count < 2 && DateTime.UtcNow < deadline; events = await EventsOfAsync(order))
        {
            await Task.Delay(200);
        }

        Assert.Equal(["payment.failed", "payment.succeeded"], events.Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal(2, events[0]["data"]!["attemptsLeft"]!.GetValue<int>());

        // Card numbers went to the gateway only: no log line, event or row of the payment's partition holds one.
        Assert.DoesNotContain(app.LogLines, l => l.Contains(Declined, StringComparison.Ordinal) || l.Contains(Approved, StringComparison.Ordinal));
        Assert.All(events.Select(e => e.ToJsonString()), e => Assert.DoesNotContain("00000000000002", e, StringComparison.Ordinal));
        Assert.All(events.Select(e => e.ToJsonString()), e => Assert.DoesNotContain("111111111111", e, StringComparison.Ordinal));
        var rows = await app.RowsOfAsync(order);
        Assert.NotEmpty(rows);
        Assert.All(rows.SelectMany(r => r.Select(p => p.Value?.ToString() ?? string.Empty)), v =>
        {
            Assert.DoesNotContain(Declined, v, StringComparison.Ordinal);
            Assert.DoesNotContain(Approved, v, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task EveryAttemptDeclined_Fails_AndAnotherConfirmSendsNothing()
    {
        var (id, order, secret) = await CreateAsync(maxAttempts: 2);

        Assert.Equal("requires_payment_method", (await app.ConfirmAsync(id, secret, Card(Declined)))["status"]!.GetValue<string>());
        var last = await app.ConfirmAsync(id, secret, Card(Declined));
        var again = await app.ConfirmAsync(id, secret, Card(Approved));

        Assert.Equal("failed", last["status"]!.GetValue<string>());
        Assert.Equal("80022", last["failure"]!["code"]!.GetValue<string>());
        Assert.Equal("failed", again["status"]!.GetValue<string>());
        Assert.Single(await app.SandboxTransactionsAsync(order));
        Assert.Single(await app.SandboxTransactionsAsync(order + "__2"));
        Assert.Empty(await app.SandboxTransactionsAsync(order + "__3"));
    }

    [Theory]
    [InlineData(0, null, "maxAttempts")]
    [InlineData(6, null, "maxAttempts")]
    [InlineData(1, "SHOP1__2", "orderNumber")]
    public async Task Create_RefusesAttemptsItCannotSend(int maxAttempts, string? orderNumber, string field)
    {
        var response = await app.PostCreateAsync(new { amount = 1050, currency = "USD", method = "card", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/checkout/done", orderNumber, maxAttempts });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    private async Task<(string Id, string Order, string Secret)> CreateAsync(int maxAttempts)
    {
        var response = await app.PostCreateAsync(new { amount = 1050, currency = "USD", method = "card", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/checkout/done", maxAttempts });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var body = JsonNode.Parse(text)!;
        return (body["paymentId"]!.GetValue<string>(), body["orderNumber"]!.GetValue<string>(), body["clientSecret"]!.GetValue<string>());
    }

    private async Task<JsonNode> MerchantReadAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}/merchant");
        request.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        using var response = await app.Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    // The feed, read from the start, filtered to the order (each payment's events in its order).
    private async Task<List<JsonNode>> EventsOfAsync(string order)
    {
        var events = new List<JsonNode>();
        string? after = null;
        for (var page = 0; page < 200; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/events?limit=100" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)));
            request.Headers.Add("x-functions-key", AppFixture.FunctionKey);
            using var response = await app.Api.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            // Event ids are evt_<order number>.<sequence>; the feed also holds other tests' events, of any shape.
            events.AddRange(body["data"]!.AsArray().Where(e => e?["id"]?.GetValue<string>().StartsWith("evt_" + order + ".", StringComparison.Ordinal) == true).Select(e => e!));
            after = body["next"]?.GetValue<string>();
            if (!(body["hasMore"]?.GetValue<bool>() ?? false))
            {
                break;
            }
        }

        return events;
    }

    private async Task WaitForDeliveredNoticesAsync(string order)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var notices = await app.SandboxNoticesAsync(order);
            if (notices.Count > 0 && notices.All(n => n!["delivered"]?.GetValue<bool>() ?? true))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"The sandbox's notices for {order} were not all delivered.");
    }
}
