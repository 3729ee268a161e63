using System.Collections.Concurrent;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

/// <summary>
/// An in-memory store with the same conditional-write rules as the table store, holding the open-payment
/// index too (as the table does, in partitions of its own).
/// </summary>
internal sealed class InMemoryPaymentStore : IPaymentStore, IOpenPaymentIndex, IOpenPaymentIndexWriter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (PaymentData Data, int Version)> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PaymentRecord>> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenPaymentEntry> _openIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MerchantEvent>> _events = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public int Writes { get; private set; }

    /// <summary>Runs once before the next save, to simulate a concurrent writer.</summary>
    public Action? BeforeNextSave { get; set; }

    /// <summary>Runs once before the next index write, to simulate a crash or a storage fault.</summary>
    public Action? BeforeNextIndexWrite { get; set; }

    public IReadOnlyList<OpenPaymentEntry> OpenIndex() { lock (_gate) { return [.. _openIndex.Values]; } }

    /// <summary>Adds a payment as it stands, bypassing the handlers (to seed a state directly).</summary>
    public void Seed(PaymentData payment) { lock (_gate) { _payments[payment.OrderNumber] = (payment, 1); } }

    /// <summary>Another writer changes the payment (its version moves on), bypassing the handlers.</summary>
    public void WriteConcurrently(PaymentData payment) { lock (_gate) { _payments[payment.OrderNumber] = (payment, _payments[payment.OrderNumber].Version + 1); } }

    public PaymentData? Get(string orderNumber) { lock (_gate) { return _payments.TryGetValue(orderNumber, out var p) ? p.Data : null; } }

    public IReadOnlyList<PaymentRecord> Records(string orderNumber) { lock (_gate) { return _records.TryGetValue(orderNumber, out var r) ? [.. r] : []; } }

    public Task<StoredPayment?> FindAsync(string orderNumber, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Reads++;
            return Task.FromResult(_payments.TryGetValue(orderNumber, out var p) ? new StoredPayment(p.Data, p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
        }
    }

    /// <summary>The merchant events committed with an order's writes, in the order they were committed.</summary>
    public IReadOnlyList<MerchantEvent> Events(string orderNumber) { lock (_gate) { return _events.TryGetValue(orderNumber, out var e) ? [.. e] : []; } }

    public Task<bool> TryCreateAsync(PaymentCommit created, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Writes++;
            if (!_payments.TryAdd(created.Payment.OrderNumber, (created.Payment, 1)))
            {
                return Task.FromResult(false);
            }

            AppendEvents(created.Payment.OrderNumber, created.Events);
            return Task.FromResult(true);
        }
    }

    public Task<SaveOutcome> CommitAsync(PaymentCommit commit, CancellationToken cancellationToken)
    {
        var (payment, version, records, replaced) = (commit.Payment, commit.Version, commit.Added, commit.Replaced);
        var before = BeforeNextSave;
        BeforeNextSave = null;
        before?.Invoke();
        lock (_gate)
        {
            Writes++;
            var current = _payments[payment.OrderNumber];
            if (current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != version)
            {
                return Task.FromResult(SaveOutcome.VersionConflict);
            }

            if (HasAny(payment.OrderNumber, records))
            {
                return Task.FromResult(SaveOutcome.DuplicateRecord);
            }

            _payments[payment.OrderNumber] = (payment, current.Version + 1);
            Append(payment.OrderNumber, records);
            Replace(payment.OrderNumber, replaced);
            AppendEvents(payment.OrderNumber, commit.Events);
            return Task.FromResult(SaveOutcome.Saved);
        }
    }

    public Task CountEventAsync(string orderNumber, PaymentRecord row, string counter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Writes++;
            var list = _records.TryGetValue(orderNumber, out var r) ? r : _records[orderNumber] = [];
            var index = list.FindIndex(x => x.Kind == row.Kind && x.Id == row.Id);
            var values = new Dictionary<string, string>(index >= 0 ? list[index].Values : row.Values, StringComparer.Ordinal);
            values[counter] = (int.Parse(values.GetValueOrDefault(counter, "0"), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (index >= 0)
            {
                list[index] = list[index] with { Values = values };
            }
            else
            {
                list.Add(row with { Values = values });
            }

            return Task.CompletedTask;
        }
    }

    public Task<SaveOutcome> AddRecordsAsync(string orderNumber, IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Writes++;
            if (HasAny(orderNumber, records))
            {
                return Task.FromResult(SaveOutcome.DuplicateRecord);
            }

            Append(orderNumber, records);
            return Task.FromResult(SaveOutcome.Saved);
        }
    }

    public Task<IReadOnlyList<PaymentRecord>> ListRecordsAsync(string orderNumber, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<PaymentRecord>>([.. Records(orderNumber).OrderBy(r => r.At)]);

    public Task<IReadOnlyList<RefundData>> ListRefundsAsync(string orderNumber, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<RefundData>>([.. Records(orderNumber).Where(r => r.Kind == RefundRecords.Kind).Select(RefundRecords.FromRecord)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.RefundId, StringComparer.Ordinal)]);

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task KeepAsync(OpenPaymentEntry entry, CancellationToken cancellationToken)
    {
        var before = BeforeNextIndexWrite;
        BeforeNextIndexWrite = null;
        before?.Invoke();
        lock (_gate)
        {
            _openIndex[entry.OrderNumber] = entry;
            return Task.CompletedTask;
        }
    }

    public Task RemoveAsync(string orderNumber, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _openIndex.Remove(orderNumber);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<OpenPaymentEntry>> ListDueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OpenPaymentEntry>>([.. _openIndex.Values.Where(e => e.DueAt <= dueBefore).OrderBy(e => e.OrderNumber, StringComparer.Ordinal).Take(max)]);
        }
    }

    private bool HasAny(string orderNumber, IReadOnlyList<PaymentRecord> records)
        => _records.TryGetValue(orderNumber, out var existing)
            && records.Any(r => existing.Any(e => e.Kind == r.Kind && e.Id == r.Id));

    private void Replace(string orderNumber, IReadOnlyList<PaymentRecord> records)
    {
        var list = _records.TryGetValue(orderNumber, out var existing) ? existing : _records[orderNumber] = [];
        foreach (var record in records)
        {
            var index = list.FindIndex(x => x.Kind == record.Kind && x.Id == record.Id);
            if (index >= 0)
            {
                list[index] = record;
            }
            else
            {
                list.Add(record);
            }
        }
    }

    private void AppendEvents(string orderNumber, IReadOnlyList<MerchantEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (_events.TryGetValue(orderNumber, out var list) && events.Any(e => list.Any(x => x.Id == e.Id)))
        {
            throw new InvalidOperationException("An event was committed twice: the table store would refuse the batch.");
        }

        (_events.TryGetValue(orderNumber, out var existing) ? existing : _events[orderNumber] = []).AddRange(events);
    }

    private void Append(string orderNumber, IReadOnlyList<PaymentRecord> records)
    {
        if (!_records.TryGetValue(orderNumber, out var list))
        {
            _records[orderNumber] = list = [];
        }

        list.AddRange(records);
    }
}

/// <summary>The idempotency keys in memory.</summary>
internal sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, IdempotencyEntry> _idempotency = new(StringComparer.Ordinal);

    public Task<IdempotencyEntry?> FindAsync(string keyHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_idempotency.GetValueOrDefault(keyHash));
        }
    }

    public Task<bool> TryClaimAsync(IdempotencyEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_idempotency.TryAdd(entry.KeyHash, entry));
        }
    }

    public Task ReleaseAsync(string keyHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _idempotency.Remove(keyHash);
            return Task.CompletedTask;
        }
    }
}

internal sealed class RecordingScheduler : IReconcileScheduler
{
    public ConcurrentQueue<(ReconcileRequest Request, TimeSpan Delay)> Scheduled { get; } = new();

    public Task ScheduleAsync(ReconcileRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        Scheduled.Enqueue((request, delay));
        return Task.CompletedTask;
    }
}

/// <summary>A gateway that answers from a script and records every form it was sent.</summary>
internal sealed class ScriptedGateway : IOceanpaymentClient
{
    public List<GatewayForm> Payments { get; } = [];

    public List<GatewayForm> Queries { get; } = [];

    public Func<GatewayMessage, GatewayCall> OnPay { get; set; } = _ => GatewayCall.Failed("no script");

    public Func<GatewayMessage, GatewayCall> OnQuery { get; set; } = _ => GatewayCall.Failed("no script");

    public List<GatewayForm> Refunds { get; } = [];

    public List<GatewayForm> RefundQueries { get; } = [];

    public List<GatewayForm> Auths { get; } = [];

    public Func<GatewayMessage, GatewayCall> OnRefund { get; set; } = _ => GatewayCall.Failed("no script");

    public Func<GatewayMessage, GatewayCall> OnRefundQuery { get; set; } = _ => GatewayCall.Failed("no script");

    public Func<GatewayMessage, GatewayCall> OnAuth { get; set; } = _ => GatewayCall.Failed("no script");

    public Task<GatewayCall> RefundAsync(GatewayForm form, CancellationToken cancellationToken)
    {
        lock (Refunds)
        {
            Refunds.Add(form);
        }

        return Task.FromResult(OnRefund(GatewayForm.Parse(form.Encode()).Value!));
    }

    public Task<GatewayCall> RefundQueryAsync(GatewayForm form, CancellationToken cancellationToken)
    {
        RefundQueries.Add(form);
        return Task.FromResult(OnRefundQuery(GatewayForm.Parse(form.Encode()).Value!));
    }

    public Task<GatewayCall> AuthAsync(GatewayForm form, CancellationToken cancellationToken)
    {
        Auths.Add(form);
        return Task.FromResult(OnAuth(GatewayForm.Parse(form.Encode()).Value!));
    }

    public Task<GatewayCall> PayAsync(MethodRoute route, GatewayForm form, CancellationToken cancellationToken)
    {
        Payments.Add(form);
        return Task.FromResult(OnPay(GatewayForm.Parse(form.Encode()).Value!));
    }

    public Task<GatewayCall> QueryAsync(GatewayForm form, CancellationToken cancellationToken)
    {
        Queries.Add(form);
        return Task.FromResult(OnQuery(GatewayForm.Parse(form.Encode()).Value!));
    }
}
