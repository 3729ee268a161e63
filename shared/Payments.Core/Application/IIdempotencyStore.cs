namespace Payments.Core.Application;

/// <summary>
/// The merchant's idempotency keys (stored as hashes): a key is claimed before the payment it names is
/// created, so concurrent duplicates of a create request make one payment.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>The claim of a key, or null when it has none.</summary>
    Task<IdempotencyEntry?> FindAsync(string keyHash, CancellationToken cancellationToken);

    /// <summary>Claims a key; false when it was claimed before.</summary>
    Task<bool> TryClaimAsync(IdempotencyEntry entry, CancellationToken cancellationToken);

    /// <summary>Releases a key's claim (its payment was never created); releasing twice is fine.</summary>
    Task ReleaseAsync(string keyHash, CancellationToken cancellationToken);
}
