using Azure.Data.Tables;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Storage;

/// <summary>The list index on Azurite: day-and-shard partitions, newest first, paged, filtered.</summary>
[Trait("Category", "Integration")]
public sealed class PaymentIndexTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Day0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private readonly RequestCounter _requests = new();
    private readonly TableClient _table;
    private readonly TablePaymentIndex _index;

    public PaymentIndexTests()
    {
        _table = Azurite.Table(Azurite.UniqueTableName("listidx"), _requests);
        _index = new TablePaymentIndex(new PaymentsTable(_table));
    }

    [Fact]
    public async Task ListAsync_PaymentsOverSeveralDays_PagesNewestFirstEachOnce()
    {
        // 60 payments over 5 days, a few minutes apart, spread over every shard.
        var payments = Enumerable.Range(0, 60).Select(i => Payment($"LIST-{i:D3}", Day0.AddHours(i * 2).AddMinutes(i))).ToList();
        await Task.WhenAll(payments.Select(p => _index.ProjectAsync(p, None)));
        Assert.Equal((int)StorageNames.ListIndexShards, (await PartitionsAsync()).Count(p => p.Contains("|20261120|", StringComparison.Ordinal)));

        var seen = await ReadAllAsync(Query(limit: 7));

        Assert.Equal(payments.OrderByDescending(p => p.CreatedAt).Select(p => p.OrderNumber), seen.Select(s => s.OrderNumber));
    }

    [Fact]
    public async Task ListAsync_ByStatus_FollowsTheLatestProjectionOnly()
    {
        var paid = Payment("ST-PAID", Day0.AddHours(1));
        var open = Payment("ST-OPEN", Day0.AddHours(2));
        await _index.ProjectAsync(paid, None);
        await _index.ProjectAsync(open, None);
        await _index.ProjectAsync(Next(paid, PaymentStatus.Succeeded), None);
        // An older state arriving late changes nothing.
        await _index.ProjectAsync(paid, None);

        var succeeded = await ReadAllAsync(Query(status: PaymentStatus.Succeeded));
        var created = await ReadAllAsync(Query(status: PaymentStatus.Created));

        Assert.Equal(["ST-PAID"], succeeded.Select(s => s.OrderNumber));
        Assert.Equal("succeeded", succeeded[0].Status);
        Assert.Equal(["ST-OPEN"], created.Select(s => s.OrderNumber));
        Assert.Equal(["ST-OPEN", "ST-PAID"], (await ReadAllAsync(Query())).Select(s => s.OrderNumber));
    }

    [Fact]
    public async Task ListAsync_ByMethodAndRange_KeepsOnlyThoseInside()
    {
        await _index.ProjectAsync(Payment("M-CARD-IN", Day0.AddHours(10)), None);
        await _index.ProjectAsync(Payment("M-WECHAT-IN", Day0.AddHours(11)) with { Method = PaymentMethod.WeChatPayWeb }, None);
        await _index.ProjectAsync(Payment("M-CARD-BEFORE", Day0.AddHours(8)), None);
        await _index.ProjectAsync(Payment("M-CARD-AFTER", Day0.AddHours(13)), None);

        var cards = await ReadAllAsync(Query(method: PaymentMethod.Card, from: Day0.AddHours(9), to: Day0.AddHours(12)));

        Assert.Equal(["M-CARD-IN"], cards.Select(s => s.OrderNumber));
    }

    [Fact]
    public async Task ListAsync_EmptyDays_WalksAtMostAMonthPerRequestAndSaysWhereToGoOn()
    {
        await _index.ProjectAsync(Payment("OLD-ONE", Day0.AddDays(-40)), None);

        var first = (await _index.ListAsync(Query(from: Day0.AddDays(-60), to: Day0.AddHours(23)), None))!;
        Assert.Empty(first.Data);
        Assert.NotNull(first.Next);
        var second = (await _index.ListAsync(Query(from: Day0.AddDays(-60), to: Day0.AddHours(23)) with { After = first.Next }, None))!;

        Assert.Equal(["OLD-ONE"], second.Data.Select(s => s.OrderNumber));
    }

    [Fact]
    public async Task ListAsync_OneDay_ReadsEachShardOnceInParallel()
    {
        await _index.ProjectAsync(Payment("RT-1", Day0.AddHours(3)), None);
        var before = _requests.Count;

        var page = (await _index.ListAsync(Query(from: Day0, to: Day0.AddHours(23)), None))!;

        Assert.Single(page.Data);
        Assert.Null(page.Next);
        Assert.Equal((int)StorageNames.ListIndexShards, _requests.Count - before);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("MjAyNjExMjB8")] // "20261120|" of a day after the range's end
    [InlineData("eHh4")] // "xxx"
    [InlineData("MjAyNjExMTl8YXw7")] // "20261119|a|;": a character no key holds
    public async Task ListAsync_ForeignContinuation_Null(string continuation)
        => Assert.Null(await _index.ListAsync(Query(from: Day0.AddDays(-2), to: Day0.AddDays(-1)) with { After = continuation }, None));

    [Fact]
    public async Task ListAsync_ContinuationOfAnotherStatus_Null()
    {
        await _index.ProjectAsync(Payment("CS-1", Day0.AddHours(1)), None);
        await _index.ProjectAsync(Payment("CS-2", Day0.AddHours(2)), None);
        var all = (await _index.ListAsync(Query(limit: 1), None))!;

        Assert.Null(await _index.ListAsync(Query(status: PaymentStatus.Created, limit: 1) with { After = all.Next }, None));
    }

    [Fact]
    public async Task CountAsync_CountsTheDaysPaymentsByStatus()
    {
        await _index.ProjectAsync(Next(Payment("C-1", Day0.AddHours(1)), PaymentStatus.Succeeded), None);
        await _index.ProjectAsync(Next(Payment("C-2", Day0.AddHours(2)), PaymentStatus.Succeeded), None);
        await _index.ProjectAsync(Next(Payment("C-3", Day0.AddHours(3)), PaymentStatus.Review), None);
        await _index.ProjectAsync(Payment("C-OTHER-DAY", Day0.AddDays(1)), None);

        var counts = await _index.CountAsync(DateOnly.FromDateTime(Day0.UtcDateTime), None);

        Assert.Equal(2, counts[PaymentStatus.Succeeded]);
        Assert.Equal(1, counts[PaymentStatus.Review]);
        Assert.False(counts.ContainsKey(PaymentStatus.Created));
    }

    private static PaymentListQuery Query(PaymentStatus? status = null, PaymentMethod? method = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 25)
        => new(status, method, from ?? Day0.AddDays(-1), to ?? Day0.AddDays(6), limit, null);

    private static PaymentData Payment(string order, DateTimeOffset created)
        => TestPayments.Minimal(order) with { CreatedAt = created, UpdatedAt = created, ChangeSequence = 1, AnnouncedStatus = PaymentStatus.Created };

    private static PaymentData Next(PaymentData payment, PaymentStatus status)
        => payment with { Status = status, ChangeSequence = payment.ChangeSequence + 1, AnnouncedStatus = status, UpdatedAt = payment.UpdatedAt.AddMinutes(1) };

    private async Task<List<PaymentSummary>> ReadAllAsync(PaymentListQuery query)
    {
        var all = new List<PaymentSummary>();
        string? continuation = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = (await _index.ListAsync(query with { After = continuation }, None))!;
            all.AddRange(page.Data);
            continuation = page.Next;
            if (continuation is null)
            {
                return all;
            }
        }

        throw new InvalidOperationException("The list never ended.");
    }

    private async Task<HashSet<string>> PartitionsAsync()
    {
        var partitions = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            partitions.Add(row.PartitionKey);
        }

        return partitions;
    }
}
