namespace Payments.Infrastructure.Options;

/// <summary>One terminal of the merchant account and where its secure code lives.</summary>
public sealed class TerminalOptions
{
    /// <summary>The 8-12 digit terminal number.</summary>
    public string Terminal { get; set; } = string.Empty;

    /// <summary>The Key Vault secret that holds this terminal's secure code.</summary>
    public string? SecureCodeSecretName { get; set; }

    /// <summary>The secure code itself: Development only, never in Azure.</summary>
    public string? SecureCode { get; set; }
}
