using System.Globalization;
using System.Text.Json;

namespace Payments.LocalHost.Hosting;

/// <summary>Turns a JSON document into configuration keys (<c>a:b:0</c>), the way the JSON configuration provider does.</summary>
internal static class JsonSettingsFlattener
{
    public static Dictionary<string, string?> Flatten(JsonElement element, string prefix)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Walk(element, prefix, values);
        return values;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, Join(path, property.Name), values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, Join(path, index.ToString(CultureInfo.InvariantCulture)), values);
                    index++;
                }

                break;
            case JsonValueKind.Null:
                values[path] = null;
                break;
            case JsonValueKind.String:
                values[path] = element.GetString();
                break;
            default:
                values[path] = element.GetRawText();
                break;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}:{key}";
}
