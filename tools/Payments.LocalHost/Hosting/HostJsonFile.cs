using System.Text.Json;

namespace Payments.LocalHost.Hosting;

/// <summary>
/// Loads host.json into configuration under <c>AzureFunctionsJobHost</c>, the prefix the host uses
/// for app-setting overrides (<c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c>).
/// </summary>
internal static class HostJsonFile
{
    public const string ConfigurationPrefix = "AzureFunctionsJobHost";

    public static (string? Path, Dictionary<string, string?> Values) Load(string? explicitPath, string functionsDirectory)
    {
        var candidates = string.IsNullOrEmpty(explicitPath)
            ? new[] { Path.Combine(functionsDirectory, "host.json"), Path.Combine(AppContext.BaseDirectory, "host.json") }
            : [explicitPath];
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            if (!string.IsNullOrEmpty(explicitPath))
            {
                throw new FileNotFoundException($"LocalHost:HostJson points to a missing file: {explicitPath}");
            }

            return (null, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase));
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return (path, JsonSettingsFlattener.Flatten(document.RootElement, ConfigurationPrefix));
    }
}
