using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;

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

        if (!new TerminalKey(options.Account, "12345678").IsWellFormed)
        {
            errors.Add($"{P}:Account must be the 6-digit Oceanpayment account.");
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
        ValidateMethods(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateTerminals(OceanpaymentOptions options, bool development, bool vaultConfigured, List<string> errors)
    {
        if (options.Terminals.Count == 0)
        {
            errors.Add($"{P}:Terminals must list at least one terminal.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Terminals.Count; i++)
        {
            var terminal = options.Terminals[i];
            var key = $"{P}:Terminals:{i}";
            if (!new TerminalKey("123456", terminal.Terminal).IsWellFormed)
            {
                errors.Add($"{key}:Terminal must be an 8-12 digit terminal number.");
            }
            else if (!seen.Add(terminal.Terminal))
            {
                errors.Add($"{key}:Terminal repeats terminal {terminal.Terminal}.");
            }
            else if (seen.FirstOrDefault(t => t != terminal.Terminal && (t.StartsWith(terminal.Terminal, StringComparison.Ordinal) || terminal.Terminal.StartsWith(t, StringComparison.Ordinal))) is { } prefix)
            {
                // Signed results glue the terminal to the order number: with one terminal a prefix of
                // another, a message's characters could be re-split between the two fields.
                errors.Add($"{key}:Terminal and terminal {prefix} start alike: no terminal may be a prefix of another.");
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

    private static void ValidateMethods(OceanpaymentOptions options, List<string> errors)
    {
        foreach (var (methodName, method) in options.Methods)
        {
            if (!IsMethodName(methodName))
            {
                errors.Add($"{P}:Methods:{methodName} is not a payment method; use one of {string.Join(", ", Enum.GetNames<PaymentMethod>())}.");
                continue;
            }

            if (method.Methods is not null && string.IsNullOrWhiteSpace(method.Methods))
            {
                errors.Add($"{P}:Methods:{methodName}:Methods cannot be blank.");
            }
        }

        var terminals = options.Terminals.Select(t => t.Terminal).ToHashSet(StringComparer.Ordinal);
        foreach (var route in MethodCatalogueFactory.Create(options).Routes.OrderBy(r => r.Method))
        {
            if (!terminals.Contains(route.Terminal))
            {
                errors.Add($"{P}:Methods:{route.Method}:Terminal is {route.Terminal}, which is not one of {P}:Terminals; configure that terminal or route the method to a configured one.");
            }
        }
    }

    internal static bool IsMethodName(string name)
        => Enum.GetNames<PaymentMethod>().Contains(name, StringComparer.Ordinal);

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex SecretName();
}
