using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Options;

/// <summary>
/// Storage account access, read the way the Functions host reads <c>AzureWebJobsStorage</c> (a
/// connection string, or the identity-based <c>AzureWebJobsStorage__*</c> settings), the table and
/// queue names and the clients' timeouts (from the <c>Storage</c> section).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string ConnectionKey = "AzureWebJobsStorage";

    /// <summary>The only <c>AzureWebJobsStorage__credential</c> value the Functions host knows for storage.</summary>
    public const string ManagedIdentityCredential = "managedidentity";

    /// <summary>A connection string, such as <c>UseDevelopmentStorage=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Identity-based access: <c>AzureWebJobsStorage:accountName</c> (public cloud endpoints).</summary>
    public string? AccountName { get; set; }

    /// <summary>Identity-based access: <c>AzureWebJobsStorage:tableServiceUri</c>, instead of the account name's endpoint.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>Identity-based access: <c>AzureWebJobsStorage:queueServiceUri</c>, instead of the account name's endpoint.</summary>
    public string? QueueServiceUri { get; set; }

    /// <summary><c>AzureWebJobsStorage:credential</c>: <c>managedidentity</c>, or empty for the default.</summary>
    public string? Credential { get; set; }

    /// <summary>A user-assigned identity for identity-based access: <c>AzureWebJobsStorage:clientId</c>.</summary>
    public string? ClientId { get; set; }

    public string PaymentsTable { get; set; } = StorageNames.PaymentsTable;

    public string ReconcileQueue { get; set; } = StorageNames.ReconcileQueue;

    /// <summary>Where each counted change of a payment is signalled to the change projector.</summary>
    public string ChangesQueue { get; set; } = StorageNames.ChangesQueue;

    /// <summary>
    /// Table and queue clients: 4 s per try, two retries. Two tries fit in a 10 s request budget, and
    /// a healthy table or queue call takes milliseconds, so a try that lasts 4 s is a hang.
    /// </summary>
    public ClientRetryOptions Retry { get; set; } = new()
    {
        NetworkTimeout = TimeSpan.FromSeconds(4),
        MaxRetries = 2,
        Delay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(1),
    };

    /// <summary>True when a connection string, not an identity, gives access.</summary>
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>The table endpoint for identity-based access: the configured URI, else the account's.</summary>
    public Uri TableEndpoint => ServiceEndpoint(TableServiceUri, "table");

    /// <summary>The queue endpoint for identity-based access: the configured URI, else the account's.</summary>
    public Uri QueueEndpoint => ServiceEndpoint(QueueServiceUri, "queue");

    private Uri ServiceEndpoint(string? configured, string service)
        => !string.IsNullOrWhiteSpace(configured)
            ? new Uri(configured, UriKind.Absolute)
            : new Uri($"https://{AccountName}.{service}.core.windows.net");
}
