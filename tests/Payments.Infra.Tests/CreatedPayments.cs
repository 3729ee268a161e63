using System.Collections.Concurrent;
using Payments.Core.Application;
using Payments.Core.Payments;

namespace Payments.Infra.Tests;

/// <summary>
/// A payment store that only records the payments created. The deployment test is about configuration and
/// routing, not storage (Azurite and end-to-end tests cover that), so everything else is refused.
/// </summary>
internal sealed class CreatedPayments : IPaymentStore
{
    private readonly ConcurrentDictionary<string, PaymentData> _created = new(StringComparer.Ordinal);

    public IReadOnlyCollection<PaymentData> All => [.. _created.Values];

    public Task<bool> TryCreateAsync(PaymentCommit created, CancellationToken cancellationToken)
        => Task.FromResult(_created.TryAdd(created.Payment.OrderNumber, created.Payment));

    public Task<StoredPayment?> FindAsync(string orderNumber, CancellationToken cancellationToken)
        => Task.FromResult(_created.TryGetValue(orderNumber, out var payment) ? new StoredPayment(payment, "1") : null);

    public Task<SaveOutcome> CommitAsync(PaymentCommit commit, CancellationToken cancellationToken) => throw Unused();

    public Task<SaveOutcome> AddRecordsAsync(string orderNumber, IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken) => throw Unused();

    public Task CountEventAsync(string orderNumber, PaymentRecord row, string counter, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<PaymentRecord>> ListRecordsAsync(string orderNumber, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<RefundData>> ListRefundsAsync(string orderNumber, CancellationToken cancellationToken) => throw Unused();

    public Task PingAsync(CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("Creating a payment does not use this; the deployment test stores nothing else.");
}
