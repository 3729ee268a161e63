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

    /// <summary>
    /// How long a re-read may take while a cached copy exists; past it the cached copy is served, so a
    /// hung vault costs a request at most this long. A first read (nothing cached) is not cut short.
    /// </summary>
    public TimeSpan RefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The secret client: 4 s per try, one retry (a healthy read takes milliseconds).</summary>
    public ClientRetryOptions Retry { get; set; } = new()
    {
        NetworkTimeout = TimeSpan.FromSeconds(4),
        MaxRetries = 1,
        Delay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(1),
    };
}
