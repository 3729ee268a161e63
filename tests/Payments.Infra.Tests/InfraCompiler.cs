using System.Text.Json.Nodes;

namespace Payments.Infra.Tests;

/// <summary>Compiles a copy of an infra-bicep directory with the Bicep CLI; never writes into the repository.</summary>
public static class InfraCompiler
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000a001";
    public const string TenantId = "00000000-0000-0000-0000-00000000a002";
    public const string ResourceGroup = "rg-infra-test";
    public const string Location = "eastasia";

    /// <summary>The variables azd would export for a one-terminal sandbox environment.</summary>
    public static IReadOnlyDictionary<string, string> SampleEnvironment { get; } = new Dictionary<string, string>
    {
        ["AZURE_ENV_NAME"] = "infra-test",
        ["AZURE_LOCATION"] = Location,
        ["OCEANPAYMENT_ACCOUNT"] = "995149",
        ["OCEANPAYMENT_TERMINALS"] = """[{"terminal":"99514901","secretName":"oceanpayment-995149-99514901","methods":"card,apple_pay,google_pay"}]""",
        ["PAYMENTS_ALLOWED_RETURN_ORIGINS"] = """["https://shop.example.com"]""",
    };

    public static CompiledInfra Compile(
        string infraDirectory,
        IReadOnlyDictionary<string, string>? extraEnvironment = null,
        Action<string>? editCopy = null)
    {
        var environment = new Dictionary<string, string>(SampleEnvironment);
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var work = Directory.CreateTempSubdirectory("infra-bicep-");
        try
        {
            foreach (var file in Directory.GetFiles(infraDirectory))
            {
                File.Copy(file, Path.Combine(work.FullName, Path.GetFileName(file)));
            }

            editCopy?.Invoke(work.FullName);

            var template = BicepCli.Run(["build", Path.Combine(work.FullName, "main.bicep"), "--stdout"], environment);
            BicepCli.Run(
                [
                    "snapshot", Path.Combine(work.FullName, "main.bicepparam"),
                    "--mode", "overwrite",
                    "--subscription-id", SubscriptionId,
                    "--tenant-id", TenantId,
                    "--resource-group", ResourceGroup,
                    "--location", Location,
                ],
                environment);
            var snapshot = File.ReadAllText(Path.Combine(work.FullName, "main.snapshot.json"));

            return new CompiledInfra(
                JsonNode.Parse(template)!.AsObject(),
                JsonNode.Parse(snapshot)!.AsObject(),
                environment["AZURE_ENV_NAME"]);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs <c>bicep build-params</c> on a committed parameters file (main.bicepparam unless named) and returns the parameter values.</summary>
    public static JsonObject BuildParameters(IReadOnlyDictionary<string, string> environment, string file = "main.bicepparam")
    {
        var output = BicepCli.Run(
            ["build-params", Path.Combine(RepositoryPaths.InfraDirectory, file), "--stdout"],
            environment);
        var parametersJson = CompiledInfra.Text(JsonNode.Parse(output)!["parametersJson"])
            ?? throw new InvalidOperationException("build-params printed no parametersJson.");
        return JsonNode.Parse(parametersJson)!["parameters"]!.AsObject();
    }
}
