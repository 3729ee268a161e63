using Payments.Core.Events;

namespace Payments.Infrastructure.Storage;

/// <summary>Webhook delivery while no endpoint is configured: nothing to queue.</summary>
internal sealed class NoWebhookEndpoints : IWebhookOutbox
{
    public Task<int> EnqueueAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken) => Task.FromResult(0);
}
