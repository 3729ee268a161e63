using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Payments.Core.Application;

namespace Payments.Functions.Tests;

/// <summary>
/// End to end (local runner + Azurite + sandbox): each transition writes one event, the change
/// projector publishes it to the events feed and keeps the list index, and the list and feed APIs
/// read them back.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EventsAndListTests(AppFixture app)
{
    private const string SecureCode = "12345678";

    [Fact]
    public async Task ACardPaymentThatSucceeds_HasOneSucceededEvent_InTheFeed_WithThePaymentView()
    {
        var (id, order, secret) = await app.CreateAsync("card", amount: 4321);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, CardBody());

        var events = await WaitForEventsAsync(order, 1);

        var only = Assert.Single(events);
        Assert.Equal("payment.succeeded", only["type"]!.GetValue<string>());
        Assert.Equal($"evt_{order}.3", only["id"]!.GetValue<string>());
        var data = only["data"]!;
        Assert.Equal(id, data["paymentId"]!.GetValue<string>());
        Assert.Equal("succeeded", data["status"]!.GetValue<string>());
        Assert.Equal(4321, data["amount"]!.GetValue<long>());
        var text = only.ToJsonString();
        Assert.DoesNotContain("4111111111111111", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        // Nor did the projector (or anything else) log the card or the client secret on the way.
        Assert.DoesNotContain(app.LogLines, l => l.Contains("4111111111111111", StringComparison.Ordinal) || l.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStormOfNotices_ProducesExactlyOneEventPerTransition()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web", amount: 2500);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, new { });
        var stored = (await app.Services.GetRequiredService<IPaymentStore>().FindAsync(order, default))!.Data;
        var success = Notices.Success(order, "25.00", terminal: "99514903");
        success["payment_id"] = stored.GatewayPaymentId;
        success["order_notes"] = stored.OrderNotes;
        var failure = new Dictionary<string, string>(success) { ["payment_status"] = "0", ["payment_details"] = "80022:Not Sufficient Funds" };

        // The same success many times at once, with declines mixed in (a decline after success is ignored; one
        // that lands first fails the payment until the success arrives). 80050 would be a void, not a decline.
        var storm = Enumerable.Range(0, 24).Select(i => app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(i % 6 == 5 ? failure : success, SecureCode)));
        var answers = await Task.WhenAll(storm);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        var status = (await app.GetAsync(id, secret))["status"]!.GetValue<string>();
        var rows = await app.RowsOfAsync(order);
        var transitions = rows.Where(r => r.RowKey.StartsWith("event|", StringComparison.Ordinal) && r.GetString("ValuesJson").Contains("\"type\":\"transition\"", StringComparison.Ordinal))
            .Select(r => JsonNode.Parse(r.GetString("ValuesJson"))!)
            .Where(v => v["from"]!.GetValue<string>() != v["to"]!.GetValue<string>())
            .Select(v => v["to"]!.GetValue<string>())
            .ToList();
        var expected = transitions.Select(t => t switch { "Succeeded" => "payment.succeeded", "Failed" => "payment.failed", "Review" => "payment.review", "Canceled" => "payment.canceled", _ => null })
            .Where(t => t is not null)
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal("succeeded", status);

        var events = await WaitForEventsAsync(order, expected.Count);
        Assert.Equal(expected, events.Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal(expected.Count, rows.Count(r => r.RowKey.StartsWith("merchantevent|", StringComparison.Ordinal)));
        // Nothing further turns up once the projector has caught up.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(expected.Count, (await FeedEventsOfAsync(order)).Count);
    }

    [Fact]
    public async Task TheFeed_PagesThroughEverythingOnce_EachPaymentsEventsInTheirOrder()
    {
        var orders = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (id, order, secret) = await app.CreateAsync("card", amount: 1000 + i);
            await app.SetScenarioAsync(order, "no-notice");
            await app.ConfirmAsync(id, secret, CardBody());
            orders.Add(order);
        }

        foreach (var order in orders)
        {
            await WaitForEventsAsync(order, 1);
        }

        // Across payments the feed is in the order events were added (projections run in parallel), so
        // only each payment's own order is promised.
        var all = await ReadFeedAsync(limit: 3);
        var ours = all.Where(e => orders.Any(o => e["id"]!.GetValue<string>().StartsWith($"evt_{o}.", StringComparison.Ordinal))).ToList();
        Assert.Equal(orders.Order(StringComparer.Ordinal), ours.Select(e => e["data"]!["orderNumber"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(all.Count, all.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
        foreach (var payment in all.Select(e => e["id"]!.GetValue<string>()).GroupBy(id => id[..id.LastIndexOf('.')]))
        {
            var sequences = payment.Select(id => long.Parse(id[(id.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
    }

    [Fact]
    public async Task TheFeed_RefusesAForeignCursorAndAnOutOfRangeLimit()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("api/events?after=bm90LWEtY3Vyc29y")).StatusCode);
        var limit = await SendAsync("api/events?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
        Assert.Equal("application/problem+json", limit.Content.Headers.ContentType?.MediaType);
        using var withoutKey = await app.Api.GetAsync("api/events");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    [Fact]
    public async Task TheFeed_ACursorOfTheTimeKeyedFeed_StartsAgainOnItsDayInsteadOfRefused()
    {
        var (id, order, secret) = await app.CreateAsync("card", amount: 1234);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, CardBody());
        await WaitForEventsAsync(order, 1);
        // What the earlier feed gave: base64url("yyyyMMdd|<ticks>|<event id>"), here of yesterday.
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        var legacy = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
            yesterday.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "|" + yesterday.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "|evt_OLD.1"));

        var read = await ReadFeedAsync(limit: 200, after: legacy);

        Assert.Single(read, e => e["id"]!.GetValue<string>() == $"evt_{order}.3");
    }

    [Fact]
    public async Task TheList_FindsPaymentsByStatusMethodAndOrderNumber_NewestFirst()
    {
        var (cardId, cardOrder, cardSecret) = await app.CreateAsync("card", amount: 777);
        await app.SetScenarioAsync(cardOrder, "no-notice");
        await app.ConfirmAsync(cardId, cardSecret, CardBody());
        var (qrId, qrOrder, _) = await app.CreateAsync("wechat_pay_web", amount: 778);

        await WaitForListAsync($"api/payments?orderNumber={cardOrder}&status=succeeded", cardId);
        var succeededCards = await WaitForListAsync("api/payments?status=succeeded&method=card&limit=100", cardId);
        var created = await WaitForListAsync("api/payments?status=created&limit=100", qrId);
        var newest = await ListAsync("api/payments?limit=100");

        Assert.DoesNotContain(succeededCards, p => p["paymentId"]!.GetValue<string>() == qrId);
        Assert.DoesNotContain(created, p => p["paymentId"]!.GetValue<string>() == cardId);
        Assert.All(succeededCards, p => Assert.Equal("card", p["method"]!.GetValue<string>()));
        var ids = newest.Select(p => p["paymentId"]!.GetValue<string>()).ToList();
        Assert.True(ids.IndexOf(qrId) < ids.IndexOf(cardId), "The later payment comes first.");
        Assert.Empty(await ListAsync($"api/payments?orderNumber={qrOrder}&status=succeeded"));
    }

    [Fact]
    public async Task TheList_PagesWithAfterNextAndHasMore_LikeTheFeed()
    {
        var (firstId, _, _) = await app.CreateAsync("wechat_pay_web", amount: 781);
        var (secondId, _, _) = await app.CreateAsync("wechat_pay_web", amount: 782);
        await WaitForListAsync("api/payments?status=created&limit=100", firstId);
        await WaitForListAsync("api/payments?status=created&limit=100", secondId);

        // One a page, newest first: the second payment, then (after some others of the run) the first.
        var seen = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 500 && !seen.Contains(firstId); pages++)
        {
            var response = await SendAsync("api/payments?status=created&limit=1" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            seen.AddRange(page["data"]!.AsArray().Select(p => p!["paymentId"]!.GetValue<string>()));
            Assert.Null(page["continuation"]);
            var hasMore = page["hasMore"]!.GetValue<bool>();
            Assert.Equal(hasMore, page["next"] is not null);
            if (!hasMore)
            {
                break;
            }

            after = page["next"]!.GetValue<string>();
        }

        Assert.True(seen.IndexOf(secondId) >= 0 && seen.IndexOf(secondId) < seen.IndexOf(firstId), "Both payments, newest first, each once.");
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("status=paid", "status")]
    [InlineData("method=cash", "method")]
    [InlineData("limit=101", "limit")]
    [InlineData("createdFrom=2026-13-01", "createdFrom")]
    [InlineData("createdFrom=2024-01-01&createdTo=2026-01-01", "createdFrom")]
    [InlineData("after=AAAA", "after")]
    [InlineData("continuation=AAAA", "continuation")]
    [InlineData("orderNumber=a%2Fb", "orderNumber")]
    public async Task TheList_RefusesABadFilterWithProblemDetailsNamingIt(string query, string field)
    {
        var response = await SendAsync("api/payments?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task TheOperatorList_NeedsAnOperator()
    {
        using var response = await app.Api.GetAsync("api/operator/payments");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var counts = await app.Api.GetAsync("api/operator/counts");
        Assert.Equal(HttpStatusCode.Unauthorized, counts.StatusCode);
    }

    [Fact]
    public async Task TheListIndexBackfill_ListsAPaymentWhoseIndexRowsAreMissing_AndNeedsTheMasterKey()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web", amount: 779);
        var createdAt = (await app.GetAsync(id, secret))["createdAt"]!.GetValue<DateTimeOffset>();
        var window = $"api/payments?createdFrom={Uri.EscapeDataString(createdAt.AddSeconds(-1).ToString("O"))}&createdTo={Uri.EscapeDataString(createdAt.AddSeconds(1).ToString("O"))}&limit=100";
        await WaitForListAsync(window, id);

        // As if the payment had been stored before the index existed: its index rows are gone.
        var indexRows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in app.Table.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey ge 'index|day|' and PartitionKey lt 'index|day}}'"))
        {
            if (row.RowKey.EndsWith("|" + order, StringComparison.Ordinal))
            {
                indexRows.Add(row);
            }
        }

        Assert.Equal(2, indexRows.Count);
        foreach (var row in indexRows)
        {
            await app.Table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        Assert.DoesNotContain(await ListAsync(window), p => p["paymentId"]!.GetValue<string>() == id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await BackfillStepAsync(null, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await BackfillStepAsync(null, AppFixture.FunctionKey)).StatusCode);
        var refused = await BackfillStepAsync("a%2Fb", AppFixture.MasterKey);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!["after"]);

        var read = 0;
        string? after = null;
        for (var steps = 0; steps < 200; steps++)
        {
            var answer = await BackfillStepAsync(after, AppFixture.MasterKey);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var step = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            read += step["read"]!.GetValue<int>();
            after = step["next"]?.GetValue<string>();
            if (after is null)
            {
                break;
            }
        }

        Assert.Null(after);
        Assert.True(read >= 1, "The scan read the payments table.");
        var listed = Assert.Single(await ListAsync(window), p => p["paymentId"]!.GetValue<string>() == id);
        Assert.Equal("created", listed["status"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> BackfillStepAsync(string? after, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/maintenance/list-index" + (after is null ? string.Empty : "?after=" + after));
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await app.Api.SendAsync(request);
    }

    private static object CardBody() => new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } };

    private async Task<HttpResponseMessage> SendAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        return await app.Api.SendAsync(request);
    }

    private async Task<List<JsonNode>> ListAsync(string path)
    {
        var response = await SendAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray().Select(n => n!)];
    }

    // The index follows the payment within about a second.
    private async Task<List<JsonNode>> WaitForListAsync(string path, string paymentId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(200))
        {
            var page = await ListAsync(path);
            if (page.Any(p => p["paymentId"]!.GetValue<string>() == paymentId) || DateTime.UtcNow > deadline)
            {
                Assert.Contains(page, p => p["paymentId"]!.GetValue<string>() == paymentId);
                return page;
            }
        }
    }

    private async Task<List<JsonNode>> ReadFeedAsync(int limit, string? after = null)
    {
        var all = new List<JsonNode>();
        for (var pages = 0; pages < 500; pages++)
        {
            var response = await SendAsync($"api/events?limit={limit}" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            all.AddRange(page["data"]!.AsArray().Select(n => n!));
            after = page["next"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                return all;
            }
        }

        throw new InvalidOperationException("The feed never ended.");
    }

    private async Task<List<JsonNode>> FeedEventsOfAsync(string order)
        => [.. (await ReadFeedAsync(limit: 200)).Where(e => e["id"]!.GetValue<string>().StartsWith($"evt_{order}.", StringComparison.Ordinal))];

    // Events reach the feed as soon as the projector has run (no settling delay).
    private async Task<List<JsonNode>> WaitForEventsAsync(string order, int count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(500))
        {
            var events = await FeedEventsOfAsync(order);
            if (events.Count >= count || DateTime.UtcNow > deadline)
            {
                return events;
            }
        }
    }
}
