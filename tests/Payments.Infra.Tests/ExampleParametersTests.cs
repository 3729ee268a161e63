using System.Text.Json.Nodes;
using Payments.Core.Application;
using static Payments.Infra.Tests.CompiledInfra;

namespace Payments.Infra.Tests;

/// <summary>infra-bicep/merchant.example.bicepparam: it builds, routes every method, and names no demo account or terminal.</summary>
[Collection(InfraCollection.Name)]
public sealed class ExampleParametersTests
{
    private const string File = "merchant.example.bicepparam";

    /// <summary>Oceanpayment's public demo account and terminals: for the sandbox only, never a merchant's.</summary>
    private const string DemoAccount = "995149";
    private static readonly string[] DemoTerminals = ["99514901", "99514902", "99514903"];

    private static readonly Lazy<JsonObject> Parameters = new(() => InfraCompiler.BuildParameters(new Dictionary<string, string>(), File));

    private static readonly string[] Lines = System.IO.File.ReadAllLines(Path.Combine(RepositoryPaths.InfraDirectory, File));

    private static IEnumerable<JsonObject> Terminals => Parameters.Value["oceanpaymentTerminals"]!["value"]!.AsArray().Select(t => t!.AsObject());

    [Fact]
    public void BuildParams_Example_NamesNoDemoAccountOrTerminal()
    {
        var accounts = Terminals.Select(t => Text(t["account"])).OfType<string>().Append(Text(Parameters.Value["oceanpaymentAccount"]!["value"])!).ToList();
        var terminals = Terminals.Select(t => Text(t["terminal"])!).ToList();

        Assert.DoesNotContain(DemoAccount, accounts);
        Assert.Empty(terminals.Intersect(DemoTerminals));
        Assert.DoesNotContain(Terminals, t => Text(t["secretName"])!.Contains(DemoAccount, StringComparison.Ordinal));
        Assert.True(accounts.Distinct().Count() > 1, "the example shows a terminal of a second account");
    }

    [Fact]
    public void BuildParams_Example_EveryMethodHasATerminal()
    {
        var served = Terminals.SelectMany(t => Text(t["methods"])!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet();

        Assert.Equal(MethodNames.All.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
        Assert.Contains(Terminals, t => Text(t["minAmount"]) is not null && Text(t["currencies"]) is not null);
    }

    [Fact]
    public void Source_Example_MarksEveryMerchantValueReplace()
    {
        var merchantValues = Terminals
            .SelectMany(t => new[] { t["terminal"], t["secretName"], t["account"] })
            .Select(v => Text(v))
            .OfType<string>()
            .Append(Text(Parameters.Value["oceanpaymentAccount"]!["value"])!)
            .Concat(Parameters.Value["allowedReturnOrigins"]!["value"]!.AsArray().Select(o => Text(o)!));

        foreach (var value in merchantValues)
        {
            var line = Assert.Single(Lines, l => l.Contains($"'{value}'", StringComparison.Ordinal));
            Assert.Contains("// REPLACE", line, StringComparison.Ordinal);
        }
    }
}
