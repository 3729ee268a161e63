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
        const string C = StorageOptions.ConnectionKey;
        var hasAccount = !string.IsNullOrWhiteSpace(options.AccountName);
        var hasTableUri = !string.IsNullOrWhiteSpace(options.TableServiceUri);
        var hasQueueUri = !string.IsNullOrWhiteSpace(options.QueueServiceUri);
        if (!options.UsesConnectionString)
        {
            if (!hasAccount && !hasTableUri && !hasQueueUri)
            {
                errors.Add($"{C} (a connection string) or {C}:accountName (identity-based; or {C}:tableServiceUri and {C}:queueServiceUri) is required.");
            }
            else if (!hasAccount && hasTableUri != hasQueueUri)
            {
                // The app uses both services; the Functions host needs the queue one too for the triggers.
                errors.Add($"{C}:{(hasTableUri ? "queueServiceUri" : "tableServiceUri")} is required too (or set {C}:accountName): the app uses tables and queues.");
            }

            CheckIdentitySettings(options, hasAccount, hasTableUri, hasQueueUri, errors);
        }

        options.Retry.Check($"{StorageOptions.Section}:Retry", errors);

        if (!TableName().IsMatch(options.PaymentsTable ?? string.Empty))
        {
            errors.Add($"{StorageOptions.Section}:PaymentsTable must be a table name (a letter, then letters and digits, 3-63 characters).");
        }

        foreach (var (setting, queue) in new[] { ("ReconcileQueue", options.ReconcileQueue), ("ChangesQueue", options.ChangesQueue) })
        {
            if (!QueueName().IsMatch(queue ?? string.Empty) || queue!.Contains("--", StringComparison.Ordinal))
            {
                errors.Add($"{StorageOptions.Section}:{setting} must be a queue name (lowercase letters, digits and single dashes, 3-{StorageNames.MaxQueueNameLength} characters, so '<name>-poison' fits).");
            }
        }

        if (string.Equals(options.ReconcileQueue, options.ChangesQueue, StringComparison.Ordinal))
        {
            errors.Add($"{StorageOptions.Section}:ChangesQueue must differ from {StorageOptions.Section}:ReconcileQueue.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckIdentitySettings(StorageOptions options, bool hasAccount, bool hasTableUri, bool hasQueueUri, List<string> errors)
    {
        const string C = StorageOptions.ConnectionKey;
        if (hasAccount && !AccountName().IsMatch(options.AccountName!))
        {
            errors.Add($"{C}:accountName must be a storage account name (3-24 lowercase letters and digits).");
        }

        foreach (var (key, value, given) in new[] { ("tableServiceUri", options.TableServiceUri, hasTableUri), ("queueServiceUri", options.QueueServiceUri, hasQueueUri) })
        {
            // Bearer tokens are sent over TLS only, so an identity-based endpoint is https.
            if (given && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0 && uri.Query.Length == 0))
            {
                errors.Add($"{C}:{key} must be an absolute https URL without user info or query.");
            }
        }

        if (options.Credential is { Length: > 0 } credential && !string.Equals(credential, StorageOptions.ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{C}:credential must be '{StorageOptions.ManagedIdentityCredential}' or not set.");
        }

        if (options.ClientId is { Length: > 0 } clientId && !Guid.TryParse(clientId, out _))
        {
            errors.Add($"{C}:clientId must be a client id (GUID).");
        }
    }

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,54}[a-z0-9]$")]
    private static partial Regex QueueName();
}
