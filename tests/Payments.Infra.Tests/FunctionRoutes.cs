using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Payments.Functions;
using Payments.Functions.Operators;

namespace Payments.Infra.Tests;

/// <summary>One HTTP function as the host serves it: its path (route prefix included) and who may call it.</summary>
public sealed record HttpRoute(string Function, string Template, string SamplePath, AuthorizationLevel Level, bool ForOperators);

/// <summary>
/// The function app's HTTP routes, read from its <c>[Function]</c> / <c>[HttpTrigger]</c> attributes, so a new
/// function is checked against the infrastructure without anyone listing it. A function whose class takes an
/// <see cref="OperatorAuthorizer"/> is an operator route: it relies on the platform's sign-in.
/// </summary>
public static partial class FunctionRoutes
{
    public static IReadOnlyList<HttpRoute> All { get; } = Discover();

    /// <summary>How App Service Authentication matches <c>excludedPaths</c>: exactly, or below a trailing <c>/*</c>.</summary>
    public static bool IsExcluded(IEnumerable<string> excludedPaths, string path) =>
        excludedPaths.Any(excluded => excluded.EndsWith("/*", StringComparison.Ordinal)
            ? path.StartsWith(excluded[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(excluded, path, StringComparison.OrdinalIgnoreCase));

    private static List<HttpRoute> Discover()
    {
        var prefix = RoutePrefix();
        var routes = new List<HttpRoute>();
        foreach (var method in typeof(PaymentsComposition).Assembly.GetTypes().SelectMany(t => t.GetMethods()))
        {
            var function = method.GetCustomAttribute<FunctionAttribute>();
            var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null);
            if (function is null || trigger is null)
            {
                continue;
            }

            var template = $"/{prefix}/{trigger.Route}";
            var forOperators = method.DeclaringType!.GetConstructors()
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(OperatorAuthorizer)));
            routes.Add(new HttpRoute(function.Name, template, RouteParameter().Replace(template, "x1"), trigger.AuthLevel, forOperators));
        }

        return routes;
    }

    private static string RoutePrefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        return host?["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
