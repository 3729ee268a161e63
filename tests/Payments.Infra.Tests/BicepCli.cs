using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Payments.Infra.Tests;

/// <summary>
/// Runs the Bicep CLI that scripts/bicep-check.sh restores from NuGet, so tests and CI use the same binary.
/// </summary>
public static partial class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> Executable = new(Fetch);

    /// <summary>Environment variables main.bicepparam reads; cleared before every run so the caller's shell cannot leak in.</summary>
    private static readonly Lazy<IReadOnlyList<string>> ParameterVariables = new(() =>
        EnvironmentReadPattern()
            .Matches(File.ReadAllText(Path.Combine(RepositoryPaths.InfraDirectory, "main.bicepparam")))
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToList());

    public static string Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in ParameterVariables.Value)
        {
            start.Environment.Remove(name);
        }

        start.Environment["BICEP_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var (exitCode, stdout, stderr) = Execute(start);
        if (exitCode != 0 || stderr.Contains("Error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"bicep {string.Join(' ', start.ArgumentList)} exited {exitCode}:\n{stderr}");
        }

        return stdout;
    }

    private static string Fetch()
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "bicep-check.sh");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--fetch");
        var (exitCode, stdout, stderr) = Execute(start);
        var path = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (exitCode != 0 || path is null || !File.Exists(path))
        {
            throw new InvalidOperationException($"scripts/bicep-check.sh --fetch failed ({exitCode}):\n{stdout}\n{stderr}");
        }

        return path;
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(ProcessStartInfo start)
    {
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} did not finish within {Timeout}.");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    [GeneratedRegex(@"readEnvironmentVariable\(\s*'([A-Za-z0-9_]+)'")]
    private static partial Regex EnvironmentReadPattern();
}
