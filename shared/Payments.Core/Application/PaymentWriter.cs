using Payments.Core.Events;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Writes a payment's partition: every write is stamped here (<see cref="PaymentChanges.Commit"/>), so the
/// store persists what it is handed and the events of a change do not depend on which store holds it.
/// </summary>
public sealed class PaymentWriter(IPaymentStore store, PaymentChanges changes)
{
    /// <summary>Inserts a new payment; false when the order number is already taken.</summary>
    public Task<bool> TryCreateAsync(PaymentData payment, CancellationToken cancellationToken)
        => store.TryCreateAsync(changes.Commit(payment, string.Empty, [], []), cancellationToken);

    /// <summary>One conditional write of the payment with its new records.</summary>
    public Task<SaveOutcome> SaveAsync(PaymentData payment, string version, IReadOnlyList<PaymentRecord> added, CancellationToken cancellationToken)
        => SaveAsync(payment, version, added, [], cancellationToken);

    /// <summary>One conditional write of the payment with its new records and replaced rows.</summary>
    public Task<SaveOutcome> SaveAsync(PaymentData payment, string version, IReadOnlyList<PaymentRecord> added, IReadOnlyList<PaymentRecord> replaced, CancellationToken cancellationToken)
        => store.CommitAsync(changes.Commit(payment, version, added, replaced), cancellationToken);
}
