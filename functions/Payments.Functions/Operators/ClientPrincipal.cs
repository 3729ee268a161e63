using System.Text;
using System.Text.Json;

namespace Payments.Functions.Operators;

/// <summary>
/// Reads App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header: Base64 of a JSON object with
/// <c>name_typ</c>, <c>role_typ</c> and a <c>claims</c> array of <c>{ "typ", "val" }</c>. Anything that
/// is not exactly that reads as nobody.
/// </summary>
internal static class ClientPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    // Entra puts app roles in "roles"; the principal's role_typ names the type the platform uses besides.
    private const string RolesClaim = "roles";

    // Far above any real token's claims; a larger header is refused before it is decoded.
    private const int MaxHeaderLength = 32 * 1024;

    private static readonly string[] NameClaims = ["name", "preferred_username", "upn", "email"];

    public static bool TryRead(string? header, out string name, out IReadOnlyList<string> roles)
    {
        name = string.Empty;
        roles = [];
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return false;
        }

        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var written))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, written));
            return TryRead(document.RootElement, out name, out roles);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool TryRead(JsonElement root, out string name, out IReadOnlyList<string> roles)
    {
        name = string.Empty;
        roles = [];
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("claims", out var claims)
            || claims.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var nameType = Text(root, "name_typ");
        var roleType = Text(root, "role_typ");
        var pairs = new List<(string Type, string Value)>();
        foreach (var claim in claims.EnumerateArray())
        {
            if (claim.ValueKind != JsonValueKind.Object || Text(claim, "typ") is not { } type || Text(claim, "val") is not { } value)
            {
                return false;
            }

            pairs.Add((type, value));
        }

        roles = [.. pairs.Where(c => c.Type == RolesClaim || (roleType is not null && c.Type == roleType)).Select(c => c.Value).Distinct(StringComparer.Ordinal)];
        name = new[] { nameType }.Concat(NameClaims)
            .Where(t => t is not null)
            .Select(t => pairs.FirstOrDefault(c => c.Type == t).Value)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "(no name)";
        return true;
    }

    private static string? Text(JsonElement element, string property)
        => element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
