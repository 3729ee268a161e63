using System.Text.Json;

namespace Payments.LocalHost.Hosting;

/// <summary>
/// Reads local.settings.json like Core Tools: the <c>Values</c> section becomes top-level settings
/// (<c>__</c> in a key means <c>:</c>), <c>ConnectionStrings</c> stays a section, and
/// <c>Host:LocalHttpPort</c> picks the port when no URL is given.
/// </summary>
internal sealed record LocalSettingsFile(string? Path, Dictionary<string, string?> Values, int? LocalHttpPort)
{
    public static readonly LocalSettingsFile None = new(null, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase), null);

    public static LocalSettingsFile Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var root = document.RootElement;
        if (root.TryGetProperty("Values", out var settings) && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in settings.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        if (root.TryGetProperty("ConnectionStrings", out var connectionStrings) && connectionStrings.ValueKind == JsonValueKind.Object)
        {
            foreach (var pair in JsonSettingsFlattener.Flatten(connectionStrings, "ConnectionStrings"))
            {
                values[pair.Key] = pair.Value;
            }
        }

        int? port = root.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.Object
            && host.TryGetProperty("LocalHttpPort", out var portElement) && portElement.TryGetInt32(out var p) ? p : null;
        return new LocalSettingsFile(path, values, port);
    }

    /// <summary>The first local.settings.json found in the working directory, then next to the runner.</summary>
    public static LocalSettingsFile Find(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath)
                ? Load(explicitPath)
                : throw new FileNotFoundException($"LocalHost:SettingsFile points to a missing file: {explicitPath}");
        }

        foreach (var directory in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var candidate = System.IO.Path.Combine(directory, "local.settings.json");
            if (File.Exists(candidate))
            {
                return Load(candidate);
            }
        }

        return None;
    }
}
