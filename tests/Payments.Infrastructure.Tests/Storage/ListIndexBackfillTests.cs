using Azure.Data.Tables;
using Payments.Core.Application;
using Payments.Core.Payments;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Storage;

/// <summary>
/// The list-index backfill on Azurite: payments stored without index rows (as before the index existed)
/// are stepped through in order and each listed once, with its stored state; a newer projection is never
/// replaced; a second pass changes nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ListIndexBackfillTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Day0 = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly TableClient _table;
    private readonly TablePaymentStore _store;
    private readonly TablePaymentIndex _index;
    private readonly ListIndexBackfill _backfill;

    public ListIndexBackfillTests()
    {
        _table = Azurite.Table(Azurite.UniqueTableName("backfill"));
        _store = Azurite.Store(_table);
        _index = new TablePaymentIndex(new PaymentsTable(_table));
        _backfill = new ListIndexBackfill(new PaymentsTable(_table), _index);
    }

    [Fact]
    public async Task Steps_PaymentsStoredWithoutIndexRows_AreEachListedOnceWithTheirStoredStatus()
    {
        // Seven payments over three days, two of them settled; the store's own writes, no projector ran.
        var orders = Enumerable.Range(0, 7).Select(i => $"BF-{i:D2}").ToList();
        for (var i = 0; i < orders.Count; i++)
        {
            Assert.True(await _store.TryCreateAsync(Payment(orders[i], Day0.AddHours(i * 9)), None));
        }

        await SettleAsync(orders[1], PaymentStatus.Succeeded);
        await SettleAsync(orders[4], PaymentStatus.Failed);
        Assert.Empty(await ListAsync(status: null));

        var steps = await RunAllAsync(stepSize: 3);

        // 3 + 3 + 1: the short step is the last, and each step starts after the previous one's last order.
        Assert.Equal([(3, "BF-02"), (3, "BF-05"), (1, (string?)null)], steps);
        var listed = await ListAsync(status: null);
        Assert.Equal(orders.AsEnumerable().Reverse(), listed.Select(p => p.OrderNumber));
        Assert.Equal(["BF-01"], (await ListAsync(PaymentStatus.Succeeded)).Select(p => p.OrderNumber));
        Assert.Equal(["BF-04"], (await ListAsync(PaymentStatus.Failed)).Select(p => p.OrderNumber));
        Assert.Equal(5, (await ListAsync(PaymentStatus.Created)).Count);
    }

    [Fact]
    public async Task Steps_APaymentAlreadyListedWithANewerState_KeepsTheNewerState()
    {
        var stored = Payment("BF-NEWER", Day0);
        Assert.True(await _store.TryCreateAsync(stored, None));
        // The projector has already listed a later state than the row the scan is about to read.
        await _index.ProjectAsync(stored with { Status = PaymentStatus.Succeeded, ChangeSequence = 7, UpdatedAt = Day0.AddMinutes(5) }, None);
        Assert.True(await _store.TryCreateAsync(Payment("BF-OTHER", Day0.AddHours(1)), None));

        await RunAllAsync(stepSize: 100);

        Assert.Equal(["BF-NEWER"], (await ListAsync(PaymentStatus.Succeeded)).Select(p => p.OrderNumber));
        Assert.Equal(["BF-OTHER"], (await ListAsync(PaymentStatus.Created)).Select(p => p.OrderNumber));
    }

    [Fact]
    public async Task Steps_ARowFromBeforeChangesWereCounted_IsListed_AndASecondPassAddsNothing()
    {
        Assert.True(await _store.TryCreateAsync(Payment("BF-OLD", Day0), None));
        // Make it a row as the first versions wrote it: no change sequence, nothing announced.
        var row = (await _table.GetEntityAsync<TableEntity>("BF-OLD", StorageNames.PaymentRowKey)).Value;
        row.Remove("ChangeSequence");
        row.Remove("AnnouncedStatus");
        row.Remove("AnnouncedDispute");
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        Assert.True(await _store.TryCreateAsync(Payment("BF-NEW", Day0.AddDays(1)), None));

        await RunAllAsync(stepSize: 1);
        var rowsAfterFirstPass = await IndexRowKeysAsync();
        var second = await RunAllAsync(stepSize: 100);

        Assert.Equal(["BF-NEW", "BF-OLD"], (await ListAsync(status: null)).Select(p => p.OrderNumber));
        Assert.Equal(4, rowsAfterFirstPass.Count);
        Assert.Equal([(2, (string?)null)], second);
        Assert.Equal(rowsAfterFirstPass, await IndexRowKeysAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("index|day|20261005|0")]
    [InlineData("ORD 1")]
    public async Task Step_AfterThatIsNotAnOrderNumber_IsRefusedBeforeAnyRead(string after)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _backfill.StepAsync(after, 10, None));
    }

    private static PaymentData Payment(string order, DateTimeOffset created)
        => TestPayments.Minimal(order) with { CreatedAt = created, UpdatedAt = created };

    private async Task SettleAsync(string order, PaymentStatus status)
    {
        var stored = (await _store.FindAsync(order, None))!;
        var outcome = await _store.SaveAsync(stored.Data with { Status = status, UpdatedAt = stored.Data.UpdatedAt.AddMinutes(1) }, stored.Version, [], None);
        Assert.Equal(SaveOutcome.Saved, outcome);
    }

    private async Task<List<(int Read, string? Next)>> RunAllAsync(int stepSize)
    {
        var steps = new List<(int, string?)>();
        string? after = null;
        do
        {
            var step = await _backfill.StepAsync(after, stepSize, None);
            steps.Add((step.Read, step.Next));
            after = step.Next;
        }
        while (after is not null && steps.Count < 50);

        return steps;
    }

    private async Task<List<PaymentSummary>> ListAsync(PaymentStatus? status)
    {
        var page = await _index.ListAsync(new PaymentListQuery(status, null, Day0.AddDays(-1), Day0.AddDays(5), 100, null), None);
        return [.. page!.Data];
    }

    private async Task<List<string>> IndexRowKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.RowKey != StorageNames.PaymentRowKey, select: ["PartitionKey", "RowKey", "ChangeSequence"]))
        {
            if (row.PartitionKey.StartsWith(StorageNames.ListIndexPartitionPrefix, StringComparison.Ordinal))
            {
                keys.Add($"{row.PartitionKey} {row.RowKey} {row.GetInt64("ChangeSequence")}");
            }
        }

        return keys;
    }
}
