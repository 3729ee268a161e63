using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Payments;

namespace Payments.Infrastructure.Tests.Support;

/// <summary>
/// Writes to a store as the Core's write path hands them over: stamped by <see cref="PaymentChanges"/>
/// first (the store only persists), so these tests see the rows and events the app commits.
/// </summary>
internal static class StampedWrites
{
    private static readonly PaymentChanges Changes = new(Azurite.Settings, TimeProvider.System);

    public static Task<bool> TryCreateAsync(this IPaymentStore store, PaymentData payment, CancellationToken cancellationToken)
        => store.TryCreateAsync(Changes.Commit(payment, string.Empty, [], []), cancellationToken);

    public static Task<SaveOutcome> SaveAsync(this IPaymentStore store, PaymentData payment, string version, IReadOnlyList<PaymentRecord> added, CancellationToken cancellationToken)
        => store.CommitAsync(Changes.Commit(payment, version, added, []), cancellationToken);

    public static Task<SaveOutcome> SaveAsync(this IPaymentStore store, PaymentData payment, string version, IReadOnlyList<PaymentRecord> added, IReadOnlyList<PaymentRecord> replaced, CancellationToken cancellationToken)
        => store.CommitAsync(Changes.Commit(payment, version, added, replaced), cancellationToken);
}
