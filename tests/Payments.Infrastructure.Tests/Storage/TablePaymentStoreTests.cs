using Payments.Core.Application;
using Payments.Core.Payments;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Storage;

[Trait("Category", "Integration")]
public sealed class TablePaymentStoreTests
{
    private static readonly string TableName = Azurite.UniqueTableName("paystore");
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly RequestCounter _requests = new();
    private readonly TablePaymentStore _store;

    public TablePaymentStoreTests() => _store = Azurite.Store(Azurite.Table(TableName, _requests));

    [Fact]
    public async Task TryCreateAsync_NewOrder_CreatesAndFindReturnsIt()
    {
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber());

        Assert.True(await _store.TryCreateAsync(payment, None));
        var stored = await _store.FindAsync(payment.OrderNumber, None);

        Assert.NotNull(stored);
        Assert.Equal(payment with { ChangeSequence = 1, AnnouncedStatus = PaymentStatus.Created }, stored.Data with { Products = payment.Products });
        Assert.Empty(stored.Data.Products);
        Assert.Empty(stored.Data.Metadata);
        Assert.False(string.IsNullOrEmpty(stored.Version));
    }

    [Fact]
    public async Task TryCreateAsync_SameOrderTwice_SecondReturnsFalseAndKeepsFirst()
    {
        var order = TestPayments.NewOrderNumber();
        Assert.True(await _store.TryCreateAsync(TestPayments.Minimal(order), None));

        Assert.False(await _store.TryCreateAsync(TestPayments.Minimal(order) with { PaymentId = "other" }, None));
        Assert.Equal("pay_" + order, (await _store.FindAsync(order, None))!.Data.PaymentId);
    }

    [Fact]
    public async Task CountEventAsync_ManyEventsInOneHour_KeepOneRowWithTheirCounts()
    {
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber());
        await _store.TryCreateAsync(payment, None);
        var at = new DateTimeOffset(2026, 12, 2, 10, 15, 0, TimeSpan.Zero);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _store.CountEventAsync(payment.OrderNumber, SecurityEvents.Hourly(at.AddMinutes(i)), "notice-InvalidSignature", None)));
        await _store.CountEventAsync(payment.OrderNumber, SecurityEvents.Hourly(at.AddMinutes(30)), "return-OffShape:payment_authType", None);
        await _store.CountEventAsync(payment.OrderNumber, SecurityEvents.Hourly(at.AddHours(1)), "notice-InvalidSignature", None);

        var rows = await _store.ListRecordsAsync(payment.OrderNumber, PaymentRecord.Event, None);
        Assert.Equal(2, rows.Count);
        Assert.Equal("security", rows[0].Values["type"]);
        Assert.Equal("1", rows[0].Values["return-OffShape:payment_authType"]);
        // Concurrent counts may lose a raise under contention (best effort) but never add rows.
        Assert.InRange(int.Parse(rows[0].Values["notice-InvalidSignature"], System.Globalization.CultureInfo.InvariantCulture), 1, 5);
        Assert.Equal("1", rows[1].Values["notice-InvalidSignature"]);
    }

    [Fact]
    public async Task CountEventAsync_OneAfterAnother_CountsEveryOne()
    {
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber());
        await _store.TryCreateAsync(payment, None);
        var at = new DateTimeOffset(2026, 12, 2, 10, 15, 0, TimeSpan.Zero);

        for (var i = 0; i < 7; i++)
        {
            await _store.CountEventAsync(payment.OrderNumber, SecurityEvents.Hourly(at), "notice-OffShape:payment_status", None);
        }

        var row = Assert.Single(await _store.ListRecordsAsync(payment.OrderNumber, PaymentRecord.Event, None));
        Assert.Equal("7", row.Values["notice-OffShape:payment_status"]);
    }

    [Fact]
    public async Task SaveAsync_CheckBookings_RoundTrip()
    {
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber());
        await _store.TryCreateAsync(payment, None);
        var stored = (await _store.FindAsync(payment.OrderNumber, None))!;
        var booked = new DateTimeOffset(2026, 12, 2, 10, 15, 30, TimeSpan.Zero).AddTicks(1_234_567);

        await _store.SaveAsync(stored.Data with { NextCheckAt = booked, LastQueriedAt = booked.AddMinutes(-1) }, stored.Version, [], None);

        var read = (await _store.FindAsync(payment.OrderNumber, None))!.Data;
        Assert.Equal(booked, read.NextCheckAt);
        Assert.Equal(booked.AddMinutes(-1), read.LastQueriedAt);
    }

    [Fact]
    public async Task FindAsync_UnknownOrder_ReturnsNullInOneRoundTrip()
    {
        await _store.PingAsync(None);
        var before = _requests.Count;

        Assert.Null(await _store.FindAsync(TestPayments.NewOrderNumber(), None));
        Assert.Equal(1, _requests.Count - before);
    }

    [Fact]
    public async Task FindAsync_EveryField_RoundTrips()
    {
        var payment = TestPayments.Full(TestPayments.NewOrderNumber());
        await _store.TryCreateAsync(payment, None);

        var read = (await _store.FindAsync(payment.OrderNumber, None))!.Data;

        Assert.Equal(payment.Products, read.Products);
        Assert.Equal(payment.NextAction!.Type, read.NextAction!.Type);
        Assert.Null(read.NextAction.RedirectUrl);
        Assert.Equal(payment.NextAction.SdkParameters, read.NextAction.SdkParameters);
        Assert.Equal(payment.Flags, read.Flags);
        Assert.Equal(payment.Metadata, read.Metadata);
        // With the collections compared above, record equality covers every other field.
        // Creating counts the first change: the status and disputes it starts with are announced.
        Assert.True(read.ChangeSequence >= 1);
        Assert.Equal(payment.Status, read.AnnouncedStatus);
        Assert.Equal(payment.Disputes.Count, read.Disputes.Count);
        for (var i = 0; i < payment.Disputes.Count; i++)
        {
            Assert.Equal(payment.Disputes[i].NoticeIds, read.Disputes[i].NoticeIds);
            Assert.Equal(payment.Disputes[i] with { AnnouncedStatus = payment.Disputes[i].Status }, read.Disputes[i] with { NoticeIds = payment.Disputes[i].NoticeIds });
        }

        Assert.Equal(payment.PastAttempts, read.PastAttempts);
        Assert.Equal(payment, read with { Products = payment.Products, NextAction = payment.NextAction, Flags = payment.Flags, Metadata = payment.Metadata, Disputes = payment.Disputes, PastAttempts = payment.PastAttempts, ChangeSequence = 0, AnnouncedStatus = null });
    }

    [Theory]
    [InlineData("\U0001F600")]
    [InlineData("é")]
    [InlineData("\"\\")]
    public async Task TryCreateAsync_LargestMetadata_FitsItsColumnAndRoundTrips(string unit)
    {
        // 20 keys of 40 characters, values of 500 UTF-16 units that JSON may escape: the column holds at most 32K characters.
        var value = string.Concat(Enumerable.Repeat(unit, PaymentMetadata.MaxValueLength / unit.Length));
        var metadata = Enumerable.Range(0, PaymentMetadata.MaxKeys).ToDictionary(i => $"{i:D2}".PadRight(PaymentMetadata.MaxKeyLength, 'k'), _ => value);
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber()) with { Metadata = metadata };

        Assert.True(await _store.TryCreateAsync(payment, None));

        Assert.Equal(metadata, (await _store.FindAsync(payment.OrderNumber, None))!.Data.Metadata);
    }

    [Fact]
    public async Task SaveAsync_WithRecords_WritesPaymentAndRecordsInOneRoundTrip()
    {
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber());
        await _store.TryCreateAsync(payment, None);
        var stored = (await _store.FindAsync(payment.OrderNumber, None))!;
        var at = TestPayments.Created.AddMinutes(2);
        var records = new[]
        {
            new PaymentRecord(PaymentRecord.Notice, "n/1?#%", at, new Dictionary<string, string> { ["payment_status"] = "1" }),
            new PaymentRecord(PaymentRecord.Event, $"{at.UtcTicks:D19}-a", at, new Dictionary<string, string> { ["type"] = "transition" }),
            new PaymentRecord(PaymentRecord.Event, $"{at.AddSeconds(1).UtcTicks:D19}-b", at.AddSeconds(1), new Dictionary<string, string> { ["type"] = "x" }),
        };
        var changed = stored.Data with { Status = PaymentStatus.Succeeded, UpdatedAt = at };
        var before = _requests.Count;

        var outcome = await _store.SaveAsync(changed, stored.Version, records, None);

        Assert.Equal(SaveOutcome.Saved, outcome);
        Assert.Equal(1, _requests.Count - before);
        var reread = (await _store.FindAsync(payment.OrderNumber, None))!;
        Assert.Equal(PaymentStatus.Succeeded, reread.Data.Status);
        Assert.NotEqual(stored.Version, reread.Version);
        var notices = await _store.ListRecordsAsync(payment.OrderNumber, PaymentRecord.Notice, None);
        var notice = Assert.Single(notices);
        Assert.Equal("n/1?#%", notice.Id);
        Assert.Equal(at, notice.At);
        Assert.Equal("1", notice.Values["payment_status"]);
        var events = await _store.ListRecordsAsync(payment.OrderNumber, PaymentRecord.Event, None);
        Assert.Equal(["transition", "x"], events.Select(e => e.Values["type"]));
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_ReturnsVersionConflictAndWritesNothing()
    {
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber());
        await _store.TryCreateAsync(payment, None);
        var first = (await _store.FindAsync(payment.OrderNumber, None))!;
        Assert.Equal(SaveOutcome.Saved, await _store.SaveAsync(first.Data with { Status = PaymentStatus.Processing }, first.Version, [], None));
        var record = new PaymentRecord(PaymentRecord.Event, "e1", TestPayments.Created, new Dictionary<string, string>());

        var outcome = await _store.SaveAsync(first.Data with { Status = PaymentStatus.Failed }, first.Version, [record], None);

        Assert.Equal(SaveOutcome.VersionConflict, outcome);
        Assert.Equal(PaymentStatus.Processing, (await _store.FindAsync(payment.OrderNumber, None))!.Data.Status);
        Assert.Empty(await _store.ListRecordsAsync(payment.OrderNumber, PaymentRecord.Event, None));
    }

    [Fact]
    public async Task SaveAsync_DuplicateNotice_ReturnsDuplicateRecordAndLeavesPaymentUnchanged()
    {
        var payment = TestPayments.Minimal(TestPayments.NewOrderNumber());
        await _store.TryCreateAsync(payment, None);
        var notice = new PaymentRecord(PaymentRecord.Notice, "abc123", TestPayments.Created, new Dictionary<string, string> { ["n"] = "1" });
        var first = (await _store.FindAsync(payment.OrderNumber, None))!;
        Assert.Equal(SaveOutcome.Saved, await _store.SaveAsync(first.Data with { Status = PaymentStatus.Pending }, first.Version, [notice], None));
        var second = (await _store.FindAsync(payment.OrderNumber, None))!;
        var newEvent = new PaymentRecord(PaymentRecord.Event, "e2", TestPayments.Created, new Dictionary<string, string>());

        var outcome = await _store.SaveAsync(second.Data with { Status = PaymentStatus.Succeeded }, second.Version, [newEvent, notice], None);

        Assert.Equal(SaveOutcome.DuplicateRecord, outcome);
        var after = (await _store.FindAsync(payment.OrderNumber, None))!;
        Assert.Equal(PaymentStatus.Pending, after.Data.Status);
        Assert.Equal(second.Version, after.Version);
        Assert.Empty(await _store.ListRecordsAsync(payment.OrderNumber, PaymentRecord.Event, None));
    }

    [Fact]
    public async Task AddRecordsAsync_WithoutPayment_AddsAndDetectsDuplicates()
    {
        var order = TestPayments.NewOrderNumber();
        var record = new PaymentRecord(PaymentRecord.Notice, "n1", TestPayments.Created, new Dictionary<string, string> { ["a"] = "b" });

        Assert.Equal(SaveOutcome.Saved, await _store.AddRecordsAsync(order, [record], None));
        Assert.Equal(SaveOutcome.DuplicateRecord, await _store.AddRecordsAsync(order, [record], None));
        Assert.Single(await _store.ListRecordsAsync(order, PaymentRecord.Notice, None));
        Assert.Null(await _store.FindAsync(order, None));
    }

    [Fact]
    public async Task Idempotency_AddFindRemove_BehavesAsAClaim()
    {
        var keyHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var entry = new IdempotencyEntry(keyHash, "req-hash", "ORD-1", TestPayments.Created);

        var keys = Azurite.Idempotency(Azurite.Table(TableName));

        Assert.Null(await keys.FindAsync(keyHash, None));
        Assert.True(await keys.TryClaimAsync(entry, None));
        Assert.False(await keys.TryClaimAsync(entry with { OrderNumber = "ORD-2" }, None));
        Assert.Equal(entry, await keys.FindAsync(keyHash, None));

        await keys.ReleaseAsync(keyHash, None);
        await keys.ReleaseAsync(keyHash, None);

        Assert.Null(await keys.FindAsync(keyHash, None));
        Assert.True(await keys.TryClaimAsync(entry, None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has/slash")]
    [InlineData("has space")]
    [InlineData("idem|x")]
    public async Task FindAsync_MalformedOrderNumber_Throws(string orderNumber)
        => await Assert.ThrowsAsync<ArgumentException>(() => _store.FindAsync(orderNumber, None));
}
