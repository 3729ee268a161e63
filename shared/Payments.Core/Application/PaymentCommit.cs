using Payments.Core.Events;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// One write of a payment's partition, complete as the Core hands it to <see cref="IPaymentStore"/>: the
/// payment with its change sequence already raised, the records it adds, the rows it replaces (refunds)
/// and the merchant events it tells. The store persists exactly this in one entity-group batch and decides
/// nothing; <see cref="PaymentChanges.Commit"/> builds it.
/// </summary>
/// <param name="Payment">The payment as it is to be stored.</param>
/// <param name="Version">The version read (the payment is written only if it still matches); empty for a new payment.</param>
/// <param name="Added">Records added in the same batch (a repeat of one fails the batch as a duplicate).</param>
/// <param name="Replaced">Rows replaced or inserted in the same batch, guarded by the payment's version.</param>
/// <param name="Events">The merchant events the change tells, added in the same batch.</param>
/// <param name="Announces">True when the change sequence was raised: the projector must be signalled.</param>
public sealed record PaymentCommit(
    PaymentData Payment,
    string Version,
    IReadOnlyList<PaymentRecord> Added,
    IReadOnlyList<PaymentRecord> Replaced,
    IReadOnlyList<MerchantEvent> Events,
    bool Announces);
