namespace Payments.Infrastructure.Options;

/// <summary>The <c>KeyVault</c> section: where the terminals' secure codes are read from.</summary>
public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";

    /// <summary>Required outside Development; without it, Development reads secure codes from settings.</summary>
    public string? VaultUri { get; set; }

    /// <summary>How long a secret is served from memory before it is read again.</summary>
    public int CacheMinutes { get; set; } = 10;

    /// <summary>A user-assigned managed identity; empty means the system-assigned one (or developer credentials locally).</summary>
    public string? ManagedIdentityClientId { get; set; }
}
