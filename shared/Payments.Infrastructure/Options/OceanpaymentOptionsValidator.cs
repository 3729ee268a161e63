using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Infrastructure.Options;

/// <summary>Checks the <c>Oceanpayment</c> section; every message names the configuration key.</summary>
internal sealed partial class OceanpaymentOptionsValidator(IHostEnvironment environment, bool vaultConfigured)
    : IValidateOptions<OceanpaymentOptions>
{
    private const string P = OceanpaymentOptions.Section;

    public ValidateOptionsResult Validate(string? name, OceanpaymentOptions options)
    {
        var development = environment.IsDevelopment();
        var errors = new List<string>();
        void Add(string? error)
        {
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        var accountNeeded = options.Terminals.Count == 0 || options.Terminals.Any(t => string.IsNullOrWhiteSpace(t.Account));
        if ((accountNeeded || !string.IsNullOrEmpty(options.Account)) && !FieldShapes.IsAccount(options.Account))
        {
            errors.Add($"{P}:Account must be the 6-digit Oceanpayment account (the account of every terminal that names none of its own).");
        }

        Add(UrlRules.CheckBaseUrl($"{P}:PaymentBaseUrl", options.PaymentBaseUrl, allowHttp: development));
        Add(UrlRules.CheckBaseUrl($"{P}:QueryBaseUrl", options.QueryBaseUrl, allowHttp: development));
        if (options.PaymentTimeoutSeconds is < 1 or > 120)
        {
            errors.Add($"{P}:PaymentTimeoutSeconds must be between 1 and 120.");
        }

        if (options.QueryTimeoutSeconds is < 1 or > 120)
        {
            errors.Add($"{P}:QueryTimeoutSeconds must be between 1 and 120.");
        }

        ValidateTerminals(options, development, vaultConfigured, errors);
        TerminalRoutingFactory.Create(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateTerminals(OceanpaymentOptions options, bool development, bool vaultConfigured, List<string> errors)
    {
        if (options.Terminals.Count == 0)
        {
            errors.Add($"{P}:Terminals must list at least one terminal.");
        }

        for (var i = 0; i < options.Terminals.Count; i++)
        {
            var terminal = options.Terminals[i];
            var key = $"{P}:Terminals:{i}";
            if (!FieldShapes.IsTerminal(terminal.Terminal))
            {
                errors.Add($"{key}:Terminal must be an 8-12 digit terminal number.");
            }

            if (!string.IsNullOrWhiteSpace(terminal.Account) && !FieldShapes.IsAccount(terminal.Account.Trim()))
            {
                errors.Add($"{key}:Account must be a 6-digit Oceanpayment account (or empty for {P}:Account).");
            }

            var hasCode = !string.IsNullOrEmpty(terminal.SecureCode);
            var hasSecretName = !string.IsNullOrWhiteSpace(terminal.SecureCodeSecretName);
            if (hasCode && !development)
            {
                // The message must not echo the value: it is a secret.
                errors.Add($"{key}:SecureCode is allowed only in Development; store the secure code in Key Vault and set {key}:SecureCodeSecretName.");
            }
            else if (hasCode && vaultConfigured)
            {
                errors.Add($"{key}:SecureCode is ignored when KeyVault:VaultUri is set; remove it or remove the vault.");
            }
            else if (hasCode && string.IsNullOrWhiteSpace(terminal.SecureCode))
            {
                errors.Add($"{key}:SecureCode cannot be blank.");
            }

            if (vaultConfigured || !development)
            {
                if (!hasSecretName)
                {
                    errors.Add($"{key}:SecureCodeSecretName is required (the Key Vault secret holding the terminal's secure code).");
                }
                else if (!SecretName().IsMatch(terminal.SecureCodeSecretName!))
                {
                    errors.Add($"{key}:SecureCodeSecretName must be a Key Vault secret name (1-127 letters, digits and dashes).");
                }
            }
            else if (!hasCode)
            {
                errors.Add($"{key}:SecureCode is required in Development when KeyVault:VaultUri is not set.");
            }
        }
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex SecretName();
}
