using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Functions.Api;

/// <summary>
/// Finds the fields of a JSON body that its request type does not have, so that a misspelt or unsupported
/// field is refused instead of silently dropped. Names are matched as the serialiser binds them (the
/// options' contract and case rule); nested objects and arrays of objects are walked; maps (such as
/// <c>metadata</c>) and free JSON values (such as <c>walletToken</c>) have no unknown keys.
/// </summary>
internal static class UnknownFields
{
    /// <summary>Longest field name repeated in an answer.</summary>
    public const int MaxEchoedName = 100;

    /// <summary>One error per unknown field, keyed by its path (<c>billing.adress</c>, <c>products[0].naem</c>).</summary>
    public static List<FieldError> Find(byte[] body, Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var document = JsonDocument.Parse(body);
        var errors = new List<FieldError>();
        Walk(document.RootElement, options.GetTypeInfo(type), string.Empty, options, errors);
        return errors;
    }

    private static void Walk(JsonElement element, JsonTypeInfo info, string path, JsonSerializerOptions options, List<FieldError> errors)
    {
        if (info.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
        {
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var property in element.EnumerateObject())
            {
                var known = info.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, comparison));
                if (known is null)
                {
                    errors.Add(Unknown(path, property.Name));
                }
                else
                {
                    Walk(property.Value, options.GetTypeInfo(known.PropertyType), Join(path, property.Name), options, errors);
                }
            }
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && element.ValueKind == JsonValueKind.Array && info.ElementType is { } elementType)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, options.GetTypeInfo(elementType), string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), options, errors);
            }
        }
    }

    private static FieldError Unknown(string path, string name)
    {
        // A name that could be card data, or is long enough to hide some, is not repeated back.
        if (name.Length > MaxEchoedName || name.Any(char.IsControl) || CardNumbers.ContainsCardNumber(name))
        {
            return new FieldError(path.Length == 0 ? "body" : path, "Holds an unknown field whose name is not repeated here (too long, control characters, or card-like).");
        }

        return new FieldError(Join(path, name), "Unknown field: not part of this request. Check the spelling against docs/openapi.json.");
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
