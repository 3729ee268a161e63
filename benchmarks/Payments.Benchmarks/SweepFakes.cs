using System.Text;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Benchmarks;

/// <summary>A dictionary store with the port's conditional-write rule (a version per payment), and the open-payment index; records are counted, not kept.</summary>
internal sealed class MemoryStore : IPaymentStore, IOpenPaymentIndex, IOpenPaymentIndexWriter
{
    private readonly Dictionary<string, (PaymentData Data, int Version)> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenPaymentEntry> _open = new(StringComparer.Ordinal);

    public int OpenCount => _open.Count;

    public PaymentData Get(string orderNumber) => _payments[orderNumber].Data;

    public void Seed(PaymentData payment, OpenPaymentEntry entry)
    {
        _payments[payment.OrderNumber] = (payment, 1);
        _open[entry.OrderNumber] = entry;
    }

    public Task<StoredPayment?> FindAsync(string orderNumber, CancellationToken cancellationToken)
        => Task.FromResult(_payments.TryGetValue(orderNumber, out var p) ? new StoredPayment(p.Data, p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);

    public Task<SaveOutcome> CommitAsync(PaymentCommit commit, CancellationToken cancellationToken)
    {
        var (payment, version) = (commit.Payment, commit.Version);
        var current = _payments[payment.OrderNumber];
        if (current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != version)
        {
            return Task.FromResult(SaveOutcome.VersionConflict);
        }

        _payments[payment.OrderNumber] = (payment, current.Version + 1);
        return Task.FromResult(SaveOutcome.Saved);
    }

    public Task KeepAsync(OpenPaymentEntry entry, CancellationToken cancellationToken)
    {
        _open[entry.OrderNumber] = entry;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string orderNumber, CancellationToken cancellationToken)
    {
        _open.Remove(orderNumber);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OpenPaymentEntry>> ListDueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<OpenPaymentEntry>>([.. _open.Values.Where(e => e.DueAt <= dueBefore).Take(max)]);

    public Task<bool> TryCreateAsync(PaymentCommit created, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SaveOutcome> AddRecordsAsync(string orderNumber, IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken) => Task.FromResult(SaveOutcome.Saved);

    public Task CountEventAsync(string orderNumber, PaymentRecord row, string counter, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<RefundData>> ListRefundsAsync(string orderNumber, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<PaymentRecord>> ListRecordsAsync(string orderNumber, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Answers each <c>check/normal</c> batch with one success block per order number, and counts the calls.</summary>
internal sealed class CountingGateway(string amount, string currency) : IOceanpaymentClient
{
    public int QueryCalls { get; private set; }

    public int LargestBatch { get; private set; }

    public void Reset() => (QueryCalls, LargestBatch) = (0, 0);

    public Task<GatewayCall> PayAsync(MethodRoute route, GatewayForm form, CancellationToken cancellationToken) => throw new InvalidOperationException("The sweep never pays.");

    public Task<GatewayCall> RefundAsync(GatewayForm form, CancellationToken cancellationToken) => throw new InvalidOperationException("The sweep never refunds.");

    public Task<GatewayCall> RefundQueryAsync(GatewayForm form, CancellationToken cancellationToken) => throw new InvalidOperationException("The sweep's payments have no refunds.");

    public Task<GatewayCall> AuthAsync(GatewayForm form, CancellationToken cancellationToken) => throw new InvalidOperationException("The sweep never captures.");

    public Task<GatewayCall> QueryAsync(GatewayForm form, CancellationToken cancellationToken)
    {
        QueryCalls++;
        var orders = form.Fields.First(f => f.Key == "order_number").Value.Split(',');
        LargestBatch = Math.Max(LargestBatch, orders.Length);
        var xml = new StringBuilder("<response>", 256 * orders.Length);
        foreach (var order in orders)
        {
            xml.Append("<paymentInfo><order_number>").Append(order).Append("</order_number><order_currency>").Append(currency)
                .Append("</order_currency><order_amount>").Append(amount).Append("</order_amount><payment_id>P").Append(order)
                .Append("</payment_id><payment_results>1</payment_results><payment_details>80000:Approved</payment_details></paymentInfo>");
        }

        return Task.FromResult(GatewayCall.Answer(Encoding.UTF8.GetBytes(xml.Append("</response>").ToString())));
    }
}

internal sealed class NoScheduler : IReconcileScheduler
{
    public Task ScheduleAsync(ReconcileRequest request, TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;
}
