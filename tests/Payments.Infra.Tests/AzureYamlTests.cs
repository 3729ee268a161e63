namespace Payments.Infra.Tests;

public sealed class AzureYamlTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "azure.yaml"));

    [Fact]
    public void Infra_AzureYaml_PointsAtTheBicepFolderAndItsParameters()
    {
        var path = Value("path");

        Assert.Equal("bicep", Value("provider"));
        Assert.Equal("infra-bicep", path);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, path, $"{Value("module")}.bicep")));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, path, $"{Value("module")}.bicepparam")));
    }

    [Fact]
    public void Services_AzureYaml_DeployTheFunctionProjectAsApi()
    {
        var project = Value("project");

        Assert.Contains("  api:", Lines);
        Assert.Equal("./functions/Payments.Functions", project);
        Assert.Equal("dotnet", Value("language"));
        Assert.Equal("function", Value("host"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, project), "*.csproj"));
    }

    private static string Value(string key)
    {
        var line = Assert.Single(Lines, l => l.TrimStart().StartsWith($"{key}:", StringComparison.Ordinal));
        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
