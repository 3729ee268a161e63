using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Payments.Infrastructure.Options;

/// <summary>Checks the <c>KeyVault</c> section.</summary>
internal sealed class KeyVaultOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyVaultOptions>
{
    private const string P = KeyVaultOptions.Section;

    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.VaultUri))
        {
            if (!environment.IsDevelopment())
            {
                errors.Add($"{P}:VaultUri is required outside Development (secure codes are read from Key Vault).");
            }
        }
        else if (UrlRules.CheckBaseUrl($"{P}:VaultUri", options.VaultUri, allowHttp: false) is { } error)
        {
            // SecretClient refuses http:// endpoints, so https is required everywhere.
            errors.Add(error);
        }

        if (options.CacheMinutes is < 1 or > 1440)
        {
            errors.Add($"{P}:CacheMinutes must be between 1 and 1440.");
        }

        if (options.ManagedIdentityClientId is { } clientId && clientId.Length > 0 && !Guid.TryParse(clientId, out _))
        {
            errors.Add($"{P}:ManagedIdentityClientId must be a client id (GUID).");
        }

        if (options.RefreshTimeout < TimeSpan.FromMilliseconds(100) || options.RefreshTimeout > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{P}:RefreshTimeout must be from 00:00:00.1 to 00:00:30.");
        }

        options.Retry.Check($"{P}:Retry", errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
