using System.Security.Cryptography;
using System.Text;
using Oceanpayment.Cli;

namespace Oceanpayment.Cli.Tests;

/// <summary>Runs <c>opay</c> in-process and checks, on every run, that the secure code was not printed.</summary>
internal static class OpayRunner
{
    public const string MadeUpCode = "Ab12Cd34Ef56";

    public static OpayRun Run(string[] args, string? stdin = null, string? secureCode = MadeUpCode)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = Opay.Run(
            args,
            new StringReader(stdin ?? string.Empty),
            stdout,
            stderr,
            name => name == Opay.SecureCodeVariable ? secureCode : null);
        return new OpayRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    // A signer written independently of the product: SHA-256 of the string and the secure code.
    public static string ExpectedSignature(string signedString, string secureCode = MadeUpCode)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signedString + secureCode)));

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static string ReplaceElement(string xml, string element, string value)
    {
        var open = $"<{element}>";
        var start = xml.IndexOf(open, StringComparison.Ordinal);
        var end = xml.IndexOf($"</{element}>", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"fixture has no <{element}>");
        return string.Concat(xml.AsSpan(0, start + open.Length), value, xml.AsSpan(end));
    }
}

internal sealed record OpayRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string LastLine => Lines[^1];

    public string SignedStringLine => Assert.Single(Lines, l => l.StartsWith("string: ", StringComparison.Ordinal))["string: ".Length..];

    public void AssertNoSecret(string secureCode)
    {
        Assert.DoesNotContain(secureCode.Trim(), Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secureCode.Trim(), Stderr, StringComparison.Ordinal);
    }
}
