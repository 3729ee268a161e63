using System.Reflection;
using System.Text.Json;
using Payments.Functions;
using Payments.LocalHost.Discovery;

namespace Payments.LocalHost.Tests;

/// <summary>
/// The runner must see the product app as the Functions host does. The host reads functions.metadata,
/// which the Worker SDK generates when it builds Payments.Functions; this compares the two.
/// </summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Discover_ProductAssembly_MatchesWorkerSdkFunctionsMetadata()
    {
        var metadata = ReadMetadata();
        var discovered = FunctionCatalog.Discover(typeof(PaymentsComposition).Assembly).Functions.Select(Describe).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(metadata);
        Assert.Equal(metadata, discovered);
    }

    [Fact]
    public void Discover_TestAssembly_ReadsRoutesMethodsAuthLevelsAndTriggers()
    {
        var functions = FunctionCatalog.Discover(typeof(FunctionsMetadataTests).Assembly).Functions.Select(Describe).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "AdminPing|Payments.LocalHost.Tests.TestFunctions.HttpTestFunctions.AdminPing|httpTrigger|Admin|post|admin/ping",
                "AlwaysFails|Payments.LocalHost.Tests.TestFunctions.QueueTestFunctions.AlwaysFails|queueTrigger|%FailQueue%|TestStorage",
                "Boom|Payments.LocalHost.Tests.TestFunctions.HttpTestFunctions.Boom|httpTrigger|Anonymous|get|boom",
                "GetItem|Payments.LocalHost.Tests.TestFunctions.HttpTestFunctions.GetItem|httpTrigger|Function|get|items/{itemId}/parts/{partId}",
                "Open|Payments.LocalHost.Tests.TestFunctions.HttpTestFunctions.OpenAsync|httpTrigger|Anonymous|get,post|",
                "TakeOrder|Payments.LocalHost.Tests.TestFunctions.QueueTestFunctions.TakeOrderAsync|queueTrigger|%OrderQueue%|",
                "Tick|Payments.LocalHost.Tests.TestFunctions.QueueTestFunctions.Tick|timerTrigger|0 0 0 1 1 *|True",
            ],
            functions);
    }

    private static string Describe(LocalFunction function) => function.Trigger switch
    {
        HttpTriggerBinding http => Line(function.Name, function.EntryPoint, "httpTrigger", http.AuthLevel.ToString(), string.Join(",", http.Methods.Order(StringComparer.Ordinal)), http.Route ?? string.Empty),
        QueueTriggerBinding queue => Line(function.Name, function.EntryPoint, "queueTrigger", queue.QueueName, queue.Connection ?? string.Empty),
        TimerTriggerBinding timer => Line(function.Name, function.EntryPoint, "timerTrigger", timer.Schedule, timer.RunOnStartup.ToString()),
        _ => Line(function.Name, function.EntryPoint, function.Trigger.GetType().Name),
    };

    private static string Line(params string[] parts) => string.Join("|", parts);

    private static List<string> ReadMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(LocateMetadata()));
        var lines = new List<string>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            var entryPoint = function.GetProperty("entryPoint").GetString()!;
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            var type = trigger.GetProperty("type").GetString()!;
            lines.Add(type switch
            {
                "httpTrigger" => Line(
                    name,
                    entryPoint,
                    type,
                    String(trigger, "authLevel") ?? "Function",
                    string.Join(",", trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal) : []),
                    String(trigger, "route") ?? string.Empty),
                "queueTrigger" => Line(name, entryPoint, type, String(trigger, "queueName")!, String(trigger, "connection") ?? string.Empty),
                "timerTrigger" => Line(name, entryPoint, type, String(trigger, "schedule")!, (trigger.TryGetProperty("runOnStartup", out var r) && r.GetBoolean()).ToString()),
                _ => Line(name, entryPoint, type),
            });
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string? String(JsonElement binding, string property)
        => binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// functions.metadata is copied next to the tests through the project references; on a layout where
    /// it is not, it is read from the functions project's own output for this configuration.
    /// </summary>
    private static string LocateMetadata()
    {
        var beside = Path.Combine(Path.GetDirectoryName(typeof(PaymentsComposition).Assembly.Location)!, "functions.metadata");
        if (File.Exists(beside))
        {
            return beside;
        }

        var outputDirectory = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsOutputDirectory").Value!;
        var fromBuild = Path.Combine(outputDirectory, "functions.metadata");
        Assert.True(File.Exists(fromBuild), $"functions.metadata was not found next to the tests nor at {fromBuild}; build Payments.Functions first.");
        return fromBuild;
    }
}
