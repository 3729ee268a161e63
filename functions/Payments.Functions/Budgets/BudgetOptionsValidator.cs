using Microsoft.Extensions.Options;
using Payments.Infrastructure.Options;

namespace Payments.Functions.Budgets;

/// <summary>
/// Checks the <c>Budgets</c> section, and that each budget leaves room for what runs inside it: a
/// budget shorter than one storage try would cut calls that are slow but healthy.
/// </summary>
internal sealed class BudgetOptionsValidator(IOptions<StorageOptions> storage, IOptions<KeyVaultOptions> keyVault)
    : IValidateOptions<BudgetOptions>
{
    private const string B = BudgetOptions.Section;

    public ValidateOptionsResult Validate(string? name, BudgetOptions options)
    {
        var errors = new List<string>();
        var storageTry = storage.Value.Retry.NetworkTimeout;
        foreach (var (key, value) in new[] { ("Notice", options.Notice), ("BrowserReturn", options.BrowserReturn), ("Api", options.Api) })
        {
            if (value <= storageTry || value > BudgetOptions.MaxHttpBudget)
            {
                errors.Add($"{B}:{key} must be longer than Storage:Retry:NetworkTimeout ({storageTry}) and at most {BudgetOptions.MaxHttpBudget}.");
            }
        }

        // With a cached secure code, the probe must outlast a hung vault's refresh to report it loadable.
        var refresh = keyVault.Value.RefreshTimeout;
        if (options.Health <= refresh || options.Health > TimeSpan.FromSeconds(60))
        {
            errors.Add($"{B}:Health must be longer than KeyVault:RefreshTimeout ({refresh}) and at most 00:01:00.");
        }

        // With Oceanpayment:PaymentTimeoutSeconds at most 120, a confirm budget stays under the front end's 230 s.
        if (options.GatewayMargin < TimeSpan.FromSeconds(1) || options.GatewayMargin > TimeSpan.FromSeconds(60))
        {
            errors.Add($"{B}:GatewayMargin must be from 00:00:01 to 00:01:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
