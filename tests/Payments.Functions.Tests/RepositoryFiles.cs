namespace Payments.Functions.Tests;

/// <summary>Files of the repository the tests run from (the folder above the test output that holds the solution).</summary>
internal static class RepositoryFiles
{
    public static string Find(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Payments.Functions.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} was not found above the test output.");
    }
}
