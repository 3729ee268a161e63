using Azure.Storage.Queues;

namespace Payments.Infrastructure.Storage;

/// <summary>A queue created on first use if it does not exist.</summary>
public sealed class EnsuredQueue(QueueClient client)
{
    private readonly CreatedOnFirstUse<QueueClient> _queue = new(client, (q, ct) => q.CreateIfNotExistsAsync(cancellationToken: ct));

    public ValueTask<QueueClient> ReadyAsync(CancellationToken cancellationToken) => _queue.ReadyAsync(cancellationToken);
}
