using Azure.Data.Tables;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// The payments table, shared by everything that keeps rows in it (payments and their records, the
/// open-payment and list indexes, the events feed), created on first use if it does not exist.
/// </summary>
public sealed class PaymentsTable(TableClient client)
{
    private readonly CreatedOnFirstUse<TableClient> _table = new(client, (t, ct) => t.CreateIfNotExistsAsync(ct));

    /// <summary>The client; use <see cref="ReadyAsync"/> before a request.</summary>
    public TableClient Client => client;

    /// <summary>The client, once the table exists.</summary>
    public ValueTask<TableClient> ReadyAsync(CancellationToken cancellationToken) => _table.ReadyAsync(cancellationToken);
}
