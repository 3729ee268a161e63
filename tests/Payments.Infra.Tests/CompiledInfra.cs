using System.Text.Json.Nodes;

namespace Payments.Infra.Tests;

/// <summary>
/// The infrastructure as Azure would receive it: the ARM JSON from <c>bicep build</c>, and the resources and
/// outputs <c>bicep snapshot</c> predicts for one set of parameters (modules flattened, expressions evaluated
/// where they do not depend on deployed resources).
/// </summary>
public sealed record CompiledInfra(JsonObject Template, JsonObject Snapshot, string EnvironmentName)
{
    public IEnumerable<JsonObject> Resources(string type) =>
        (Snapshot["predictedResources"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .Where(r => string.Equals(Text(r["type"]), type, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<JsonObject> AllResources() =>
        (Snapshot["predictedResources"]?.AsArray() ?? []).OfType<JsonObject>();

    public JsonObject Outputs => Snapshot["outputs"]?.AsObject() ?? [];

    /// <summary>Every resource of the ARM template, nested deployments (local modules) included.</summary>
    public IEnumerable<JsonObject> TemplateResources() => TemplateResources(Template);

    /// <summary>The function app's application settings, or an empty object when there is no such resource.</summary>
    public JsonObject AppSettings =>
        Resources("Microsoft.Web/sites/config")
            .Where(r => Text(r["name"])?.EndsWith("/appsettings", StringComparison.OrdinalIgnoreCase) == true)
            .Select(r => r["properties"] as JsonObject)
            .FirstOrDefault() ?? [];

    public CompiledInfra DeepClone() =>
        new(Template.DeepClone().AsObject(), Snapshot.DeepClone().AsObject(), EnvironmentName);

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool? Flag(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    private static IEnumerable<JsonObject> TemplateResources(JsonObject template)
    {
        // languageVersion 2.0 keys resources by symbolic name; older templates list them.
        var resources = template["resources"] switch
        {
            JsonObject byName => byName.Select(p => p.Value),
            JsonArray list => list,
            _ => [],
        };
        foreach (var resource in resources.OfType<JsonObject>())
        {
            yield return resource;
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in TemplateResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
