using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Payments.Core.Application;
using Payments.Functions;
using static Payments.Infra.Tests.CompiledInfra;

namespace Payments.Infra.Tests;

/// <summary>
/// The alert rules and the workbook watch names the app really emits: instruments of its meter, log
/// templates and event ids of its source. A renamed metric or log line fails here, not silently in Azure.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class MonitoringTests(InfraFixture fixture)
{
    private static readonly Lazy<string> Source = new(() => string.Join(
        '\n',
        new[] { "shared", "functions" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)));

    private IReadOnlyList<JsonObject> Alerts => [.. fixture.Committed.Resources("Microsoft.Insights/scheduledQueryRules")];

    private IEnumerable<string> AlertQueries => Alerts.Select(a => Text(a["properties"]!["criteria"]!["allOf"]![0]!["query"])!);

    private JsonObject Workbook =>
        JsonNode.Parse(Text(Assert.Single(fixture.Committed.Resources("Microsoft.Insights/workbooks"))["properties"]!["serializedData"])!)!.AsObject();

    private IEnumerable<string> WorkbookQueries =>
        Workbook["items"]!.AsArray().Select(i => Text(i!["content"]!["query"])).OfType<string>();

    private static HashSet<string> PublishedInstruments()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var telemetry = new PaymentsTelemetry();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == PaymentsTelemetry.MeterName)
                {
                    names.Add(instrument.Name);
                }
            },
        };
        listener.Start();
        return names;
    }

    [Fact]
    public void Alerts_Committed_OneRulePerOperationalSignal()
    {
        var names = Alerts.Select(a => Text(a["name"])!.Split('-')[..^1]).Select(parts => string.Join('-', parts)).Order();

        Assert.Equal(["alert-changes-poison", "alert-dispute-opened", "alert-failure-rate", "alert-notices-rejected", "alert-payment-review", "alert-reconcile-giveup", "alert-reconcile-poison", "alert-refund-review", "alert-webhook-dead-letter"], names);
        Assert.All(Alerts, a => Assert.Contains("docs/operations.md#alert-", Text(a["properties"]!["description"]), StringComparison.Ordinal));
    }

    [Fact]
    public void Alerts_RunbookLinks_PointAtARunbookInOperationsGuide()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));

        Assert.All(Alerts, a =>
        {
            var anchor = RunbookLink().Match(Text(a["properties"]!["description"])!).Groups[1].Value;
            Assert.Contains($"<a id=\"{anchor}\"></a>", guide, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Alerts_EveryOption_EmailTheGivenAddress()
    {
        var group = Assert.Single(fixture.WithEveryOption.Resources("Microsoft.Insights/actionGroups"));
        var receiver = Assert.Single(group["properties"]!["emailReceivers"]!.AsArray());

        Assert.Equal(InfraFixture.AlertEmail, Text(receiver!["emailAddress"]));
        Assert.Empty(Assert.Single(fixture.Committed.Resources("Microsoft.Insights/actionGroups"))["properties"]!["emailReceivers"]!.AsArray());
    }

    [Fact]
    public void Queries_MetricNames_AreInstrumentsOfThePaymentsMeter()
    {
        var published = PublishedInstruments();
        var used = AlertQueries.Concat(WorkbookQueries)
            .SelectMany(q => MetricName().Matches(q).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)))
            .Select(n => n.Trim('"'))
            .ToHashSet();

        Assert.Contains("payments.review", published);
        Assert.Superset(new HashSet<string> { "payments.review", "reconcile.giveups", "notices.rejected", "payments.created", "reconcile.attempts" }, used);
        Assert.Subset(published, used);
    }

    [Fact]
    public void Queries_EventIds_AreLoggedByTheApp()
    {
        var ids = AlertQueries.Concat(WorkbookQueries).SelectMany(q => EventIdFilter().Matches(q).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.Contains(ReconcilePoisonFunction.PoisonEventId.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
        Assert.All(ids, id => Assert.Matches($@"EventId = {id}\b", Source.Value));
    }

    [Fact]
    public void Source_LogEventIds_AreUnique()
    {
        // An alert that counts an event id would also count every other log line given the same id.
        var ids = EventIdDeclaration().Matches(Source.Value).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(ReconcilePoisonFunction.PoisonEventId.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
        Assert.Empty(ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Queries_LogTemplates_AreTheAppsLogMessages()
    {
        var templates = AlertQueries.Concat(WorkbookQueries).SelectMany(q => TemplateFilter().Matches(q).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.NotEmpty(templates);
        Assert.All(templates, t => Assert.Contains($"Message = \"{t}\"", Source.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Workbook_Committed_ChartsStatusMethodNoticeLatencyAndQueueDepth()
    {
        var items = Workbook["items"]!.AsArray().Select(i => Text(i!["name"])).ToList();
        var queueDepth = Workbook["items"]!.AsArray().Single(i => Text(i!["name"]) == "reconcile-queue-depth")!["content"]!;
        var storageId = Text(Assert.Single(fixture.Committed.Resources("Microsoft.Storage/storageAccounts"))["id"]);

        Assert.Equal("Notebook/1.0", Text(Workbook["version"]));
        Assert.Superset(new HashSet<string?> { "payments-by-status", "payments-by-method", "outcomes-by-method", "notice-to-settle", "reconcile-queue-depth" }, items.ToHashSet());
        Assert.Equal([$"{storageId}/queueServices/default"], queueDepth["resourceIds"]!.AsArray().Select(Text));
    }

    [GeneratedRegex(@"name (?:==|in) \(?((?:""[a-z.]+""(?:, )?)+)\)?")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"docs/operations\.md#(alert-[a-z-]+)")]
    private static partial Regex RunbookLink();

    [GeneratedRegex(@"customDimensions\.EventId\) == ""(\d+)""")]
    private static partial Regex EventIdFilter();

    [GeneratedRegex(@"EventId = (\d+)\b")]
    private static partial Regex EventIdDeclaration();

    [GeneratedRegex(@"customDimensions\.OriginalFormat == ""([^""]+)""")]
    private static partial Regex TemplateFilter();
}
