using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Payments;

namespace Payments.Functions.Tests;

/// <summary>
/// The code, docs/openapi.json, the README and the docs name the same statuses, event types and fields.
/// (ReadmeEndpointsTests does the routes; OpenApiDocumentTests ties the document to the functions.)
/// </summary>
public sealed partial class DocsAgreeTests
{
    private static readonly JsonNode Document = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Find("docs/openapi.json")))!;

    // Words the README's API table puts in code type that are the gateway's, not this API's.
    private static readonly string[] GatewayWords = ["backUrl", "noticeUrl"];

    [Fact]
    public void PaymentStatuses_AreTheSameInTheCodeTheDocumentAndTheEventsTable()
    {
        var code = Enum.GetValues<PaymentStatus>().Select(PaymentView.StatusName).ToList();

        Assert.Equal(code, Enumeration("PaymentView", "status"));
        Assert.Equal(code, Enumeration("CreatePaymentResponse", "status"));
        Assert.Equal(code.Order(StringComparer.Ordinal), EventsTableStatuses().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RefundAndDisputeStatuses_AndNextActions_AreTheSameInTheCodeAndTheDocument()
    {
        Assert.Equal(Enum.GetValues<RefundStatus>().Select(RefundView.StatusName), Enumeration("RefundView", "status"));
        Assert.Equal(Enum.GetValues<DisputeStatus>().Select(DisputeView.StatusName), Enumeration("DisputeView", "status"));
        var actions = typeof(NextAction).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(actions.Order(StringComparer.Ordinal), Enumeration("NextActionView", "type").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EventTypes_AreTheSameInTheCodeTheDocumentItsWebhooksTheReadmeAndTheDocs()
    {
        var code = MerchantEventTypes.All.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(code, Enumeration("MerchantEvent", "type").Order(StringComparer.Ordinal));
        Assert.Equal(code, Document["webhooks"]!.AsObject().Select(w => w.Key).Order(StringComparer.Ordinal));
        Assert.Equal(code, EventNames(ReadmeApiRows().Single(r => r.StartsWith("| `GET /api/events", StringComparison.Ordinal))));
        Assert.Equal(code, EventNames(Paragraph("docs/operations.md", "`events` is a comma list of")));
        Assert.Equal(code, EventNames(string.Join('\n', EventsTable())));
    }

    [Fact]
    public void EveryFieldTheReadmeTableNames_IsInTheDocument()
    {
        var documented = DocumentedNames();
        var named = ReadmeApiRows()
            .SelectMany(row => CodeSpan().Matches(string.Join('|', row.Split('|').Skip(3))).Select(m => m.Groups[1].Value))
            .Where(word => Identifier().IsMatch(word))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(named);
        Assert.Contains("privateMetadata", named);
        var unknown = named.Where(word => !documented.Contains(word) && !GatewayWords.Contains(word)).ToList();
        Assert.True(unknown.Count == 0, $"The README's API table names what openapi.json does not: {string.Join(", ", unknown)}.");
    }

    private static List<string> Enumeration(string schema, string property)
        => [.. (Document["components"]!["schemas"]![schema]!["properties"]![property]!["enum"] as JsonArray
            ?? throw new Xunit.Sdk.XunitException($"{schema}.{property} has no enum.")).Select(v => v!.GetValue<string>())];

    /// <summary>Every property, parameter, enum value and problem code the document names.</summary>
    private static HashSet<string> DocumentedNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["properties"] is JsonObject properties)
                    {
                        names.UnionWith(properties.Select(p => p.Key));
                    }

                    if (o["in"] is not null && o["name"] is JsonValue name)
                    {
                        names.Add(name.GetValue<string>());
                    }

                    foreach (var (key, value) in o)
                    {
                        if (key is "enum" or "x-problem-codes")
                        {
                            names.UnionWith(value!.AsArray().OfType<JsonNode>().Select(v => v.ToString()));
                        }

                        Walk(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(Document);
        return names;
    }

    private static List<string> ReadmeApiRows()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Find("README.md"));
        var start = Array.FindIndex(lines, l => l == "## The HTTP API");
        Assert.True(start >= 0, "The README has no HTTP API section.");
        return [.. lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).Where(l => l.StartsWith("| `", StringComparison.Ordinal))];
    }

    /// <summary>The rows of docs/events.md's "Status or change | Event" table.</summary>
    private static List<string> EventsTable()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Find("docs/events.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("| Status or change | Event |", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/events.md has no status-to-event table.");
        return [.. lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|'))];
    }

    /// <summary>The payment statuses of the events table: its rows that name a payment event or none.</summary>
    private static IEnumerable<string> EventsTableStatuses()
        => EventsTable()
            .Select(row => row.Split('|'))
            .Where(cells => cells[2].Contains("`payment.", StringComparison.Ordinal) || cells[2].TrimStart().StartsWith("none", StringComparison.Ordinal))
            .SelectMany(cells => CodeSpan().Matches(cells[1]).Select(m => m.Groups[1].Value));

    private static string Paragraph(string file, string opening)
    {
        var text = File.ReadAllText(RepositoryFiles.Find(file));
        var start = text.IndexOf(opening, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{file} no longer says '{opening}'.");
        var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static List<string> EventNames(string text)
        => [.. EventName().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("^[a-z][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"`((?:payment|refund|dispute)\.[a-z_]+)`")]
    private static partial Regex EventName();
}
