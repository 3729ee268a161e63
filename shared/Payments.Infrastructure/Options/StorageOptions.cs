using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Options;

/// <summary>
/// Storage account access (from <c>AzureWebJobsStorage</c>, the connection the Functions host uses)
/// and the table and queue names (from the <c>Storage</c> section).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string ConnectionKey = "AzureWebJobsStorage";

    /// <summary>A connection string, such as <c>UseDevelopmentStorage=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Identity-based access: <c>AzureWebJobsStorage:accountName</c>.</summary>
    public string? AccountName { get; set; }

    /// <summary>A user-assigned identity for identity-based access: <c>AzureWebJobsStorage:clientId</c>.</summary>
    public string? ClientId { get; set; }

    public string PaymentsTable { get; set; } = StorageNames.PaymentsTable;

    public string ReconcileQueue { get; set; } = StorageNames.ReconcileQueue;
}
