using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Payments;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// <see cref="IPaymentStore"/> on Azure Table Storage. One partition per order number holds the
/// payment (RowKey <c>payment</c>) and its records (<c>&lt;kind&gt;|&lt;id&gt;</c>), so a transition
/// and its records commit in one entity-group transaction. The open-payment index and the idempotency keys,
/// in partitions of their own, have their own adapters (<see cref="TableOpenPaymentIndex"/>, <see cref="TableIdempotencyStore"/>).
/// </summary>
public sealed class TablePaymentStore : IPaymentStore
{
    // An entity-group transaction takes at most 100 operations; one is the payment itself.
    private const int MaxRecordsPerSave = 99;

    private readonly TableClient _table;
    private readonly PaymentsTable _ready;
    private readonly IPaymentChangeSignal _signal;

    /// <summary>
    /// Uses the given table, creating it on first use if it does not exist. A write persists what the
    /// Core stamped (<see cref="PaymentCommit"/>); each write that announces a change is signalled to the
    /// projector before it is committed and concluded after (projected at once, or the signal withdrawn).
    /// </summary>
    public TablePaymentStore(PaymentsTable table, IPaymentChangeSignal signal)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(signal);
        _ready = table;
        _table = table.Client;
        _signal = signal;
    }

    public async Task<StoredPayment?> FindAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var partitionKey = EntityMapper.PartitionKeyOf(orderNumber);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<PaymentEntity>(partitionKey, StorageNames.PaymentRowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity
            ? new StoredPayment(EntityMapper.ToPayment(entity), entity.ETag.ToString())
            : null;
    }

    public async Task<bool> TryCreateAsync(PaymentCommit created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(created);
        var entity = EntityMapper.ToEntity(created.Payment);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var signal = await SignalAsync(created, cancellationToken).ConfigureAwait(false);
        var outcome = WriteOutcome.Unknown;
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            outcome = WriteOutcome.Committed;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            outcome = WriteOutcome.NotCommitted;
            return false;
        }
        finally
        {
            await ConcludeAsync(signal, outcome).ConfigureAwait(false);
        }
    }

    private const int MaxCountAttempts = 4;

    public async Task<SaveOutcome> CommitAsync(PaymentCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrEmpty(commit.Version);
        var (added, replaced, events) = (commit.Added, commit.Replaced, commit.Events);
        if (added.Count + replaced.Count + events.Count > MaxRecordsPerSave)
        {
            throw new ArgumentException($"At most {MaxRecordsPerSave} records can be saved with a payment.", nameof(commit));
        }

        var orderNumber = commit.Payment.OrderNumber;
        var actions = new List<TableTransactionAction>(added.Count + replaced.Count + events.Count + 1)
        {
            new(TableTransactionActionType.UpdateReplace, EntityMapper.ToEntity(commit.Payment), new ETag(commit.Version)),
        };
        actions.AddRange(added.Select(r => new TableTransactionAction(TableTransactionActionType.Add, EntityMapper.ToEntity(orderNumber, r))));
        // The payment's ETag guards these rows: every change to them also rewrites the payment.
        actions.AddRange(replaced.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, EntityMapper.ToEntity(orderNumber, r))));
        // The events the change tells commit with it, or not at all.
        actions.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, EntityMapper.ToEntity(e))));
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var signal = await SignalAsync(commit, cancellationToken).ConfigureAwait(false);
        var outcome = WriteOutcome.Unknown;
        try
        {
            var saved = await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
            outcome = saved == SaveOutcome.Saved ? WriteOutcome.Committed : WriteOutcome.NotCommitted;
            return saved;
        }
        finally
        {
            await ConcludeAsync(signal, outcome).ConfigureAwait(false);
        }
    }

    public async Task<SaveOutcome> AddRecordsAsync(string orderNumber, IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        _ = EntityMapper.PartitionKeyOf(orderNumber);
        if (records.Count > MaxRecordsPerSave + 1)
        {
            throw new ArgumentException($"At most {MaxRecordsPerSave + 1} records can be added at once.", nameof(records));
        }

        if (records.Count == 0)
        {
            return SaveOutcome.Saved;
        }

        var actions = records.Select(r => new TableTransactionAction(TableTransactionActionType.Add, EntityMapper.ToEntity(orderNumber, r))).ToList();
        return await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    public async Task CountEventAsync(string orderNumber, PaymentRecord row, string counter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentException.ThrowIfNullOrEmpty(counter);
        var fresh = EntityMapper.ToEntity(orderNumber, row);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxCountAttempts; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<RecordEntity>(fresh.PartitionKey, fresh.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var entity = existing.HasValue ? existing.Value! : fresh;
            var record = EntityMapper.ToRecord(entity);
            var values = new Dictionary<string, string>(record.Values, StringComparer.Ordinal);
            values[counter] = (long.TryParse(values.GetValueOrDefault(counter), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count + 1 : 1)
                .ToString(CultureInfo.InvariantCulture);
            var updated = EntityMapper.ToEntity(orderNumber, record with { Values = values });
            try
            {
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(updated, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.AddEntityAsync(updated, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another event counted at the same moment: read again.
            }
        }
    }

    public Task<IReadOnlyList<PaymentRecord>> ListRecordsAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var partitionKey = EntityMapper.PartitionKeyOf(orderNumber);
        // Every row of the partition but the payment's own.
        return QueryRecordsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ne {StorageNames.PaymentRowKey}"), cancellationToken);
    }

    public async Task<IReadOnlyList<RefundData>> ListRefundsAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var records = await ListRecordsAsync(orderNumber, RefundRecords.Kind, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(RefundRecords.FromRecord).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.RefundId, StringComparer.Ordinal)];
    }

    /// <summary>Reads the records of one kind in an order's partition (oldest first); not part of <see cref="IPaymentStore"/>.</summary>
    public Task<IReadOnlyList<PaymentRecord>> ListRecordsAsync(string orderNumber, string kind, CancellationToken cancellationToken)
    {
        var partitionKey = EntityMapper.PartitionKeyOf(orderNumber);
        var (from, to) = EntityMapper.RecordRange(kind);
        return QueryRecordsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {from} and RowKey lt {to}"), cancellationToken);
    }

    private async Task<IReadOnlyList<PaymentRecord>> QueryRecordsAsync(string filter, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<PaymentRecord>();
        await foreach (var entity in _table.QueryAsync<RecordEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(EntityMapper.ToRecord(entity));
        }

        // Row keys sort by id, which is chronological only for events: order by time, then id.
        return [.. records.OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"ping"}");
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken)
            .AsPages().ConfigureAwait(false))
        {
            break;
        }
    }

    private async Task<SaveOutcome> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return SaveOutcome.Saved;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
            return SaveOutcome.VersionConflict;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && IsAdd(actions, ex.FailedTransactionActionIndex))
        {
            return SaveOutcome.DuplicateRecord;
        }
    }

    // Without an index (some emulators omit it) a 409 can only come from an Add: Update never conflicts that way.
    private static bool IsAdd(List<TableTransactionAction> actions, int? index)
        => index is not { } i || (i >= 0 && i < actions.Count && actions[i].ActionType == TableTransactionActionType.Add);

    private async ValueTask EnsureTableAsync(CancellationToken cancellationToken)
        => await _ready.ReadyAsync(cancellationToken).ConfigureAwait(false);

    // Before the commit: once the change is committed, its signal must already be on its way.
    private async Task<ChangeSignal?> SignalAsync(PaymentCommit commit, CancellationToken cancellationToken)
        => commit.Announces ? await _signal.SignalAsync(commit.Payment.OrderNumber, commit.Payment.ChangeSequence, cancellationToken).ConfigureAwait(false) : null;

    // After the commit (or its failure): the projection starts now, or the signal is withdrawn. This must
    // not turn a committed write into an error, nor stop on the caller's cancellation: the durable signal
    // does the work if this fails.
    private async Task ConcludeAsync(ChangeSignal? signal, WriteOutcome outcome)
    {
        if (signal is null)
        {
            return;
        }

        try
        {
            await _signal.ConcludeAsync(signal, outcome, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or TimeoutException or HttpRequestException or IOException)
        {
            // The queued signal stays and is handled after its delay; the write's own outcome stands.
        }
    }
}
