namespace Payments.Infra.Tests;

/// <summary>One broken infrastructure rule.</summary>
public sealed record PolicyViolation(string Rule, string Message)
{
    public override string ToString() => $"{Rule}: {Message}";
}
