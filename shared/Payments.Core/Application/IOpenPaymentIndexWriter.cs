namespace Payments.Core.Application;

/// <summary>
/// Keeps and removes rows of the open-payment index. Only <see cref="PaymentWriter"/> takes it: it keeps
/// a payment's row before the payment's write and removes it after (the crash-safe order).
/// </summary>
public interface IOpenPaymentIndexWriter
{
    /// <summary>
    /// Adds or replaces an order's row. The index has its own partitions, so this is never part of the
    /// payment's batch: write it before the payment becomes open.
    /// </summary>
    Task KeepAsync(OpenPaymentEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes an order's row; removing a missing row is fine.</summary>
    Task RemoveAsync(string orderNumber, CancellationToken cancellationToken);
}
