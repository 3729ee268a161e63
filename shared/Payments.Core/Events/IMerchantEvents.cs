namespace Payments.Core.Events;

/// <summary>Reads the merchant events stored beside each payment.</summary>
public interface IMerchantEvents
{
    /// <summary>One point read; null when no such event exists (or the id is malformed).</summary>
    Task<MerchantEvent?> FindAsync(string eventId, CancellationToken cancellationToken);
}
