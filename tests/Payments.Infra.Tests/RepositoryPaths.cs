namespace Payments.Infra.Tests;

/// <summary>Locates the repository the tests were built from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string InfraDirectory => Path.Combine(Root, "infra-bicep");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Payments.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Payments.Functions.sln above {AppContext.BaseDirectory}.");
    }
}
