using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Payments.Functions.Tests;

/// <summary>
/// docs/openapi.json (OpenAPI 3.1) describes every webhook in its <c>webhooks</c> section, one per event type.
/// Every event this run's app has produced, read back from the events feed (the same bytes the webhooks
/// send), must be valid against the request body schema of its type's webhook, evaluated as JSON Schema
/// 2020-12 (the dialect of OpenAPI 3.1).
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebhookSchemaTests(AppFixture app)
{
    private static readonly Lazy<JsonObject> Document = new(() => JsonNode.Parse(File.ReadAllText(RepositoryFiles.Find("docs/openapi.json")))!.AsObject());

    [Fact]
    public void TheDocument_IsOpenApi31_WithAWebhookForEveryEventType()
    {
        Assert.Equal("3.1.0", Document.Value["openapi"]!.GetValue<string>());
        var webhooks = Document.Value["webhooks"]!.AsObject().Select(w => w.Key).Order(StringComparer.Ordinal);
        Assert.Equal(Core.Events.MerchantEventTypes.All.Order(StringComparer.Ordinal), webhooks);
    }

    [Fact]
    public async Task EveryEventTheRunProduced_IsValidAgainstItsWebhookSchema()
    {
        // At least a success and a failure of this test's own, beside whatever the other tests made.
        var (paidId, paidOrder, paidSecret) = await app.CreateAsync("card", amount: 1234);
        await app.SetScenarioAsync(paidOrder, "no-notice");
        await app.ConfirmAsync(paidId, paidSecret, new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } });

        var events = await ReadWholeFeedAsync(until: e => e["id"]!.GetValue<string>().StartsWith("evt_" + paidOrder + ".", StringComparison.Ordinal));
        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "payment.succeeded");

        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var merchantEvent in events)
        {
            var type = merchantEvent["type"]!.GetValue<string>();
            if (!schemas.TryGetValue(type, out var schema))
            {
                schemas[type] = schema = WebhookSchema(type);
            }

            using var json = JsonDocument.Parse(merchantEvent.ToJsonString());
            var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
                failures.Add($"{merchantEvent["id"]} ({type}): {string.Join("; ", errors)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void AnEventOfAnotherTypeOrShape_IsNotValid()
    {
        var schema = WebhookSchema("payment.succeeded");
        using var wrongType = JsonDocument.Parse("""{"id":"evt_A.1","type":"payment.failed","createdAt":"2026-12-07T12:00:00Z","data":{}}""");
        using var noData = JsonDocument.Parse("""{"id":"evt_A.1","type":"payment.succeeded","createdAt":"2026-12-07T12:00:00Z"}""");

        Assert.False(schema.Evaluate(wrongType.RootElement).IsValid);
        Assert.False(schema.Evaluate(noData.RootElement).IsValid);
    }

    /// <summary>The webhook's request body schema as a JSON Schema document: the components become <c>$defs</c>.</summary>
    private static JsonSchema WebhookSchema(string type)
    {
        var body = Document.Value["webhooks"]![type]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!.DeepClone().AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Document.Value["components"]!["schemas"]!.DeepClone(),
        };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            root[name] = value;
        }

        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://payments.test/webhooks/{type}"));
    }

    /// <summary>The feed from its start until an event matching <paramref name="until"/> has been read (20 s at most).</summary>
    private async Task<List<JsonNode>> ReadWholeFeedAsync(Func<JsonNode, bool> until)
    {
        var events = new List<JsonNode>();
        string? after = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline;)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/events?limit=100" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)));
            request.Headers.Add("x-functions-key", AppFixture.FunctionKey);
            using var response = await app.Api.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            events.AddRange(page["data"]!.AsArray().Select(e => e!));
            after = page["next"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                if (events.Any(until))
                {
                    break;
                }

                await Task.Delay(200);
            }
        }

        return events;
    }
}
