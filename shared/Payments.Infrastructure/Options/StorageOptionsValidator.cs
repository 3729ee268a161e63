using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Options;

/// <summary>Checks the storage connection and the table and queue names.</summary>
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        var hasConnection = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasAccount = !string.IsNullOrWhiteSpace(options.AccountName);
        if (!hasConnection && !hasAccount)
        {
            errors.Add($"{StorageOptions.ConnectionKey} (a connection string) or {StorageOptions.ConnectionKey}:accountName (identity-based) is required.");
        }
        else if (hasAccount && !AccountName().IsMatch(options.AccountName!))
        {
            errors.Add($"{StorageOptions.ConnectionKey}:accountName must be a storage account name (3-24 lowercase letters and digits).");
        }

        if (options.ClientId is { Length: > 0 } clientId && !Guid.TryParse(clientId, out _))
        {
            errors.Add($"{StorageOptions.ConnectionKey}:clientId must be a client id (GUID).");
        }

        if (!TableName().IsMatch(options.PaymentsTable ?? string.Empty))
        {
            errors.Add($"{StorageOptions.Section}:PaymentsTable must be a table name (a letter, then letters and digits, 3-63 characters).");
        }

        if (!QueueName().IsMatch(options.ReconcileQueue ?? string.Empty) || options.ReconcileQueue!.Contains("--", StringComparison.Ordinal))
        {
            errors.Add($"{StorageOptions.Section}:ReconcileQueue must be a queue name (lowercase letters, digits and single dashes, 3-{StorageNames.MaxQueueNameLength} characters, so '<name>-poison' fits).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,54}[a-z0-9]$")]
    private static partial Regex QueueName();
}
