using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Payments.Functions.Tests;

/// <summary>
/// The README's endpoint table and docs/openapi.json describe the same API: the same routes with the same
/// methods, and each route with the same kind of authorisation. (OpenApiDocumentTests ties the document to
/// the functions themselves.)
/// </summary>
public sealed partial class ReadmeEndpointsTests
{
    private static readonly Dictionary<string, string> AuthWords = new(StringComparer.Ordinal)
    {
        ["function key"] = "functionKey",
        ["client secret"] = "clientSecret",
        ["master key"] = "masterKey",
        ["operator sign-in"] = "operatorSignIn",
        ["none"] = "none",
    };

    [Fact]
    public void TheReadmeTable_NamesEveryDocumentedRoute_AndNoOther()
    {
        var readme = ReadmeRoutes().Select(r => r.Route).Order(StringComparer.Ordinal).ToList();
        var documented = DocumentedRoutes().Keys.Order(StringComparer.Ordinal).ToList();

        Assert.True(
            readme.SequenceEqual(documented),
            $"Only in the README: {string.Join(", ", readme.Except(documented))}; only in openapi.json: {string.Join(", ", documented.Except(readme))}.");
    }

    [Fact]
    public void TheReadmeTable_SaysHowEachRouteIsAuthorised_AsTheDocumentDeclares()
    {
        var documented = DocumentedRoutes();
        foreach (var (route, auth) in ReadmeRoutes())
        {
            Assert.True(documented.TryGetValue(route, out var schemes), $"{route} is not in openapi.json.");
            var expected = AuthWords.Single(w => auth.StartsWith(w.Key, StringComparison.Ordinal)).Value;
            Assert.True(expected == "none" ? schemes.Count == 0 : schemes.Contains(expected), $"{route}: the README says '{auth}', openapi.json declares [{string.Join(", ", schemes)}].");
        }
    }

    /// <summary>"METHOD /path" of every row of the README's HTTP API table, with its auth cell. A row may name
    /// several routes; "<c>GET .../timeline</c>" continues the row's previous path after its last parameter.</summary>
    private static List<(string Route, string Auth)> ReadmeRoutes()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Find("README.md"));
        var start = Array.FindIndex(lines, l => l == "## The HTTP API");
        Assert.True(start >= 0, "The README has no HTTP API section.");
        var routes = new List<(string, string)>();
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            string? previous = null;
            foreach (Match spec in RouteSpec().Matches(cells[1]))
            {
                var path = spec.Groups["path"].Value.Split('?')[0].TrimEnd('/');
                if (path.StartsWith("...", StringComparison.Ordinal))
                {
                    // Continues the previous route after its last path parameter: ".../timeline" after "/x/{id}".
                    Assert.NotNull(previous);
                    path = previous[..(previous.LastIndexOf('}') + 1)] + path[3..];
                }

                previous = path;
                routes.Add(($"{spec.Groups["method"].Value} {path}", cells[2].Trim()));
            }
        }

        Assert.NotEmpty(routes);
        return routes;
    }

    private static Dictionary<string, HashSet<string>> DocumentedRoutes()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Find("docs/openapi.json")))!;
        var routes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var schemes = (operation!["security"] as JsonArray ?? []).SelectMany(r => r!.AsObject().Select(s => s.Key)).ToHashSet(StringComparer.Ordinal);
                routes[$"{method.ToUpperInvariant()} {path}"] = schemes;
            }
        }

        return routes;
    }

    [GeneratedRegex(@"`(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>(/api|\.\.\.)[^`\s]*)`")]
    private static partial Regex RouteSpec();
}
