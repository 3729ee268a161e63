using Payments.Core.Application;
using Payments.Core.Payments;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Storage;

/// <summary>The open-payment index (<see cref="TableOpenPaymentIndex"/>) on Azurite, one fresh table per test.</summary>
[Trait("Category", "Integration")]
public sealed class OpenIndexTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly Azure.Data.Tables.TableClient _table = Azurite.Table(Azurite.UniqueTableName("openidx"));
    private readonly TablePaymentStore _store;
    private readonly TableOpenPaymentIndex _index;

    public OpenIndexTests()
    {
        _store = Azurite.Store(_table);
        _index = Azurite.OpenIndex(_table);
    }

    [Fact]
    public async Task KeepAsync_ManyOrders_SpreadOverShardsAndListEarliestFirst()
    {
        var orders = Enumerable.Range(0, 64).Select(i => $"SHARD-{i:D3}").ToList();
        foreach (var (order, i) in orders.Select((o, i) => (o, i)))
        {
            await _index.KeepAsync(new OpenPaymentEntry(order, "995149", "99514901", 0, Now.AddSeconds(-i)), None);
        }

        var partitions = new HashSet<string>();
        await foreach (var row in _table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"]))
        {
            partitions.Add(row.PartitionKey);
        }

        var due = await _index.ListDueAsync(Now, 10, None);

        Assert.True(partitions.Count >= 8, $"only {partitions.Count} index partitions");
        Assert.All(partitions, p => Assert.StartsWith(StorageNames.OpenIndexPartitionPrefix, p, StringComparison.Ordinal));
        Assert.Equal(orders.AsEnumerable().Reverse().Take(10), due.Select(e => e.OrderNumber));
        Assert.Equal(64, (await _index.ListDueAsync(Now, 1000, None)).Count);
    }

    [Fact]
    public async Task ListDueAsync_ReturnsOnlyDueRowsOfTheIndexPartition()
    {
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber()) with { Status = PaymentStatus.Processing };
        Assert.True(await _store.TryCreateAsync(payment, None));
        await _index.KeepAsync(OpenPaymentEntry.For(payment, 2, Now.AddMinutes(-1)), None);
        await _index.KeepAsync(new OpenPaymentEntry("LATER-1", "995149", "99514903", 0, Now.AddMinutes(1)), None);

        var due = await _index.ListDueAsync(Now, 100, None);

        Assert.Equal([new OpenPaymentEntry(payment.OrderNumber, "995149", "99514901", 2, Now.AddMinutes(-1))], due);
    }

    [Fact]
    public async Task KeepAsync_SameOrder_ReplacesTheRow()
    {
        await _index.KeepAsync(new OpenPaymentEntry("ORD-A", "995149", "99514901", 0, Now.AddMinutes(-5)), None);
        await _index.KeepAsync(new OpenPaymentEntry("ORD-A", "995149", "99514901", 3, Now.AddHours(1)), None);

        Assert.Empty(await _index.ListDueAsync(Now, 100, None));
        Assert.Equal(3, Assert.Single(await _index.ListDueAsync(Now.AddHours(2), 100, None)).Attempt);
    }

    [Fact]
    public async Task RemoveAsync_RemovesAndToleratesAMissingRow()
    {
        await _index.KeepAsync(new OpenPaymentEntry("ORD-B", "995149", "99514901", 0, Now), None);

        await _index.RemoveAsync("ORD-B", None);
        await _index.RemoveAsync("ORD-B", None);

        Assert.Empty(await _index.ListDueAsync(Now, 100, None));
    }

    [Fact]
    public async Task ListDueAsync_StopsAtMax()
    {
        for (var i = 0; i < 7; i++)
        {
            await _index.KeepAsync(new OpenPaymentEntry($"ORD-{i}", "995149", "99514901", 0, Now.AddSeconds(-i)), None);
        }

        Assert.Equal(5, (await _index.ListDueAsync(Now, 5, None)).Count);
        Assert.Equal(7, (await _index.ListDueAsync(Now, 100, None)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has/slash")]
    [InlineData("index|open")]
    public async Task KeepAsync_MalformedOrderNumber_Throws(string orderNumber)
        => await Assert.ThrowsAsync<ArgumentException>(() => _index.KeepAsync(new OpenPaymentEntry(orderNumber, "995149", "99514901", 0, Now), None));
}
