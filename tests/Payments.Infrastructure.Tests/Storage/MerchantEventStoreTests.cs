using System.Text.Json;
using Azure.Data.Tables;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Payments;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Storage;

/// <summary>Merchant events are written by the store in the batch of the change they tell, on Azurite.</summary>
[Trait("Category", "Integration")]
public sealed class MerchantEventStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TableClient _table = Azurite.Table(Azurite.UniqueTableName("mevents"));
    private readonly RecordingChangeSignal _signal = new();
    private readonly TablePaymentStore _store;
    private readonly TableMerchantEvents _events;

    public MerchantEventStoreTests()
    {
        _store = Azurite.Store(_table, _signal);
        _events = new TableMerchantEvents(new PaymentsTable(_table));
    }

    [Fact]
    public async Task SaveAsync_StatusChange_AddsOneEventWithTheViewAndSignalsItsSequence()
    {
        var order = await CreateAsync();
        var stored = (await _store.FindAsync(order, None))!;

        Assert.Equal(SaveOutcome.Saved, await _store.SaveAsync(stored.Data with { Status = PaymentStatus.Succeeded, MaskedCard = "411111***1111", UpdatedAt = TestPayments.Created.AddMinutes(3) }, stored.Version, [], None));

        var events = await _events.ListUnpublishedAsync(order, None);
        var only = Assert.Single(events);
        Assert.Equal(MerchantEventTypes.PaymentSucceeded, only.Type);
        Assert.Equal(EventIds.Format(order, 2), only.Id);
        Assert.Equal(new[] { (order, 1L), (order, 2L) }, _signal.Signals);
        using var body = JsonDocument.Parse(only.Body);
        Assert.Equal(only.Id, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("payment.succeeded", body.RootElement.GetProperty("type").GetString());
        // Dated when written (the feed orders by it), not by the payment's own times.
        Assert.InRange(body.RootElement.GetProperty("createdAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("pay_" + order, data.GetProperty("paymentId").GetString());
        Assert.Equal("succeeded", data.GetProperty("status").GetString());
        Assert.Equal("411111***1111", data.GetProperty("maskedCard").GetString());
        Assert.Equal("SO-1", data.GetProperty("metadata").GetProperty("orderRef").GetString());
        // What the shopper's browser holds and the billing details are not the merchant's event to carry.
        Assert.DoesNotContain("cs_1", System.Text.Encoding.UTF8.GetString(only.Body.Span), StringComparison.Ordinal);
        Assert.DoesNotContain("a@example.com", System.Text.Encoding.UTF8.GetString(only.Body.Span), StringComparison.Ordinal);
        Assert.Equal(only, await _events.FindAsync(only.Id, None) is { } found ? found with { Body = only.Body } : null);
        Assert.Equal(only.Body.ToArray(), (await _events.FindAsync(only.Id, None))!.Body.ToArray());
    }

    [Fact]
    public async Task SaveAsync_SameTransitionFromOneVersionTwice_OneCommitsAndOneEventExists()
    {
        var order = await CreateAsync();
        var stored = (await _store.FindAsync(order, None))!;
        var succeeded = stored.Data with { Status = PaymentStatus.Succeeded };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _store.SaveAsync(succeeded, stored.Version, [], None)));

        Assert.Equal(1, outcomes.Count(o => o == SaveOutcome.Saved));
        Assert.Single(await _events.ListUnpublishedAsync(order, None));
        // Read again, the winner's write leaves nothing more to tell.
        var again = (await _store.FindAsync(order, None))!;
        Assert.Equal(SaveOutcome.Saved, await _store.SaveAsync(again.Data with { UpdatedAt = again.Data.UpdatedAt.AddSeconds(1) }, again.Version, [], None));
        Assert.Single(await _events.ListUnpublishedAsync(order, None));
        Assert.Equal(2, (await _store.FindAsync(order, None))!.Data.ChangeSequence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveAsync_ConcludesEachSignal_CommittedForTheWinner_NotCommittedForTheLosers_AndAFailedConclusionChangesNoOutcome(bool concludingTimesOut)
    {
        var order = await CreateAsync();
        var stored = (await _store.FindAsync(order, None))!;
        _signal.ConcludingTimesOut = concludingTimesOut;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _store.SaveAsync(stored.Data with { Status = PaymentStatus.Succeeded }, stored.Version, [], None)));

        Assert.Equal(1, outcomes.Count(o => o == SaveOutcome.Saved));
        Assert.Equal(3, outcomes.Count(o => o == SaveOutcome.VersionConflict));
        var concluded = _signal.Conclusions.Where(c => c.OrderNumber == order && c.Sequence == 2).Select(c => c.Outcome).ToList();
        Assert.Equal(1, concluded.Count(o => o == WriteOutcome.Committed));
        Assert.Equal(3, concluded.Count(o => o == WriteOutcome.NotCommitted));
    }

    [Fact]
    public async Task SaveAsync_NoStatusChange_WritesNoEventAndSendsNoSignal()
    {
        var order = await CreateAsync();
        var stored = (await _store.FindAsync(order, None))!;
        var signals = _signal.Signals.Count;

        await _store.SaveAsync(stored.Data with { NextCheckAt = TestPayments.Created.AddMinutes(5) }, stored.Version, [], None);

        Assert.Empty(await _events.ListUnpublishedAsync(order, None));
        Assert.Equal(signals, _signal.Signals.Count);
    }

    [Fact]
    public async Task SaveAsync_StatusWithoutEvent_RaisesTheSequenceAndSignalsButWritesNoEvent()
    {
        var order = await CreateAsync();
        var stored = (await _store.FindAsync(order, None))!;

        await _store.SaveAsync(stored.Data with { Status = PaymentStatus.Processing }, stored.Version, [], None);

        Assert.Empty(await _events.ListUnpublishedAsync(order, None));
        Assert.Equal((order, 2L), _signal.Signals[^1]);
    }

    [Fact]
    public async Task SaveAsync_VersionConflict_LeavesNoEvent()
    {
        var order = await CreateAsync();
        var stored = (await _store.FindAsync(order, None))!;
        await _store.SaveAsync(stored.Data with { UpdatedAt = stored.Data.UpdatedAt.AddSeconds(1) }, stored.Version, [], None);

        Assert.Equal(SaveOutcome.VersionConflict, await _store.SaveAsync(stored.Data with { Status = PaymentStatus.Failed }, stored.Version, [], None));

        Assert.Empty(await _events.ListUnpublishedAsync(order, None));
        Assert.Equal(1, (await _store.FindAsync(order, None))!.Data.ChangeSequence);
    }

    [Fact]
    public async Task SaveAsync_RefundSettles_OneRefundEventEvenWhenTheRefundIsWrittenAgain()
    {
        var order = await CreatePublishedAsync(PaymentStatus.Succeeded);
        var refund = new RefundData
        {
            RefundId = "re_" + new string('a', 24),
            Amount = new Money(500, Currency.Parse("USD")),
            Status = RefundStatus.Pending,
            CreatedAt = TestPayments.Created.AddHours(1),
            UpdatedAt = TestPayments.Created.AddHours(1),
        };
        await SaveAsync(order, p => p, RefundRecords.ToRecord(refund));
        Assert.Empty(await _events.ListUnpublishedAsync(order, None));

        await SaveAsync(order, p => p with { RefundedMinor = 500 }, RefundRecords.ToRecord(refund with { Status = RefundStatus.Succeeded, UpdatedAt = TestPayments.Created.AddHours(2) }));
        // Read back (as an ARN notice would) and written again: already told.
        var stored = RefundRecords.FromRecord(Assert.Single(await _store.ListRecordsAsync(order, RefundRecords.Kind, None)));
        Assert.Equal(RefundStatus.Succeeded, stored.AnnouncedStatus);
        await SaveAsync(order, p => p, RefundRecords.ToRecord(stored with { Arn = "74537605" }));

        var events = await _events.ListUnpublishedAsync(order, None);
        var told = Assert.Single(events);
        Assert.Equal(MerchantEventTypes.RefundSucceeded, told.Type);
        using var body = JsonDocument.Parse(told.Body);
        Assert.Equal(refund.RefundId, body.RootElement.GetProperty("data").GetProperty("refund").GetProperty("refundId").GetString());
        Assert.Equal(500, body.RootElement.GetProperty("data").GetProperty("amountRefunded").GetInt64());
    }

    [Fact]
    public async Task SaveAsync_DisputeOpensGoesUnderReviewThenCloses_OneEventEach()
    {
        var order = await CreatePublishedAsync(PaymentStatus.Succeeded);
        var opened = new DisputeData { Status = DisputeStatus.Open, Reason = "4837", OpenedAt = TestPayments.Created.AddDays(1) };

        await SaveAsync(order, p => p with { Disputes = [opened] });
        await SaveAsync(order, p => p with { Disputes = [p.Disputes[0] with { Reason = "re-presented" }] });
        await SaveAsync(order, p => p with { Disputes = [p.Disputes[0] with { Status = DisputeStatus.UnderReview }] });
        await SaveAsync(order, p => p with { Disputes = [p.Disputes[0] with { Status = DisputeStatus.Won, Final = true, ClosedAt = TestPayments.Created.AddDays(9) }] });
        await SaveAsync(order, p => p with { Disputes = [.. p.Disputes, opened with { OpenedAt = TestPayments.Created.AddDays(20) }] });

        Assert.Equal(
            new[] { MerchantEventTypes.DisputeOpened, MerchantEventTypes.DisputeUpdated, MerchantEventTypes.DisputeClosed, MerchantEventTypes.DisputeOpened },
            (await _events.ListUnpublishedAsync(order, None)).Select(e => e.Type));
    }

    [Theory]
    [InlineData("Open", "Open", 0)]
    [InlineData("Won", "Open", 1)]
    [InlineData("Lost", "Lost", 0)]
    [InlineData("Lost", "", 1)]
    public async Task FindAsync_RowWithTheOneDisputeColumn_ReadsItAsTheOnlyDispute_AndTellsOnlyWhatWasNotTold(string status, string announced, int events)
    {
        var order = await CreatePublishedAsync(PaymentStatus.Succeeded);
        // A row as the version before dispute lists wrote it: one dispute object, its announced status beside it.
        var raw = (await _table.GetEntityAsync<TableEntity>(order, StorageNames.PaymentRowKey)).Value;
        raw["DisputeJson"] = $$"""{"status":"{{status}}","reason":"Chargeback, 4837","openedAt":"2026-11-27T10:00:00+00:00","closedAt":{{(status == "Open" ? "null" : "\"2026-12-01T10:00:00+00:00\"")}}}""";
        raw["AnnouncedDispute"] = announced;
        raw.Remove("DisputesJson");
        await _table.UpsertEntityAsync(raw, TableUpdateMode.Replace);

        var legacy = (await _store.FindAsync(order, None))!;
        var dispute = Assert.Single(legacy.Data.Disputes);
        Assert.Equal(Enum.Parse<DisputeStatus>(status), dispute.Status);
        Assert.Equal("Chargeback, 4837", dispute.Reason);
        Assert.Equal(legacy.Data.Amount.MinorUnits, dispute.AmountMinor);
        Assert.False(dispute.Final);
        await _store.SaveAsync(legacy.Data with { UpdatedAt = legacy.Data.UpdatedAt.AddMinutes(1) }, legacy.Version, [], None);

        Assert.Equal(events, (await _events.ListUnpublishedAsync(order, None)).Count(e => e.Type.StartsWith("dispute.", StringComparison.Ordinal)));
        var rewritten = (await _table.GetEntityAsync<TableEntity>(order, StorageNames.PaymentRowKey)).Value;
        Assert.Equal(string.Empty, rewritten.GetString("DisputeJson") ?? string.Empty);
        Assert.Contains("Chargeback, 4837", rewritten.GetString("DisputesJson"), StringComparison.Ordinal);
        Assert.Single((await _store.FindAsync(order, None))!.Data.Disputes);
    }

    [Fact]
    public async Task FindAsync_RowWrittenBeforeChangesWereCounted_CountsItsStateAsTold()
    {
        var order = TestPayments.NewOrderNumber();
        await _store.TryCreateAsync(TestPayments.Minimal(order), None);
        // A row as the previous version wrote it: no change columns.
        var raw = (await _table.GetEntityAsync<TableEntity>(order, StorageNames.PaymentRowKey)).Value;
        raw["Status"] = nameof(PaymentStatus.Succeeded);
        raw.Remove("ChangeSequence");
        raw.Remove("AnnouncedStatus");
        raw.Remove("AnnouncedDispute");
        await _table.UpsertEntityAsync(raw, TableUpdateMode.Replace);

        var legacy = (await _store.FindAsync(order, None))!;
        await _store.SaveAsync(legacy.Data with { UpdatedAt = legacy.Data.UpdatedAt.AddMinutes(1) }, legacy.Version, [], None);

        Assert.Equal(PaymentStatus.Succeeded, legacy.Data.AnnouncedStatus);
        Assert.Empty(await _events.ListUnpublishedAsync(order, None));
    }

    [Fact]
    public async Task MarkPublishedAsync_LeavesTheEventButNotInTheUnpublishedList()
    {
        var order = await CreateAsync(PaymentStatus.Succeeded);
        var told = Assert.Single(await _events.ListUnpublishedAsync(order, None));

        await _events.MarkPublishedAsync(told, None);

        Assert.Empty(await _events.ListUnpublishedAsync(order, None));
        Assert.NotNull(await _events.FindAsync(told.Id, None));
        Assert.Contains(await _store.ListRecordsAsync(order, None), r => r.Kind == PaymentRecord.MerchantEvent && r.Values["eventId"] == told.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("evt_")]
    [InlineData("evt_ORD.0")]
    [InlineData("evt_ORD.01")]
    [InlineData("evt_OR/D.1")]
    [InlineData("pay_ORD.1")]
    [InlineData("evt_ORD.1.2")]
    public async Task FindAsync_NotAnEventId_Null(string id)
        => Assert.Null(await _events.FindAsync(id, None));

    // Created, then moved to the given status (when not Created), which tells its event.
    private async Task<string> CreateAsync(PaymentStatus status = PaymentStatus.Created)
    {
        var order = TestPayments.NewOrderNumber();
        Assert.True(await _store.TryCreateAsync(TestPayments.Minimal(order) with { Metadata = new Dictionary<string, string> { ["orderRef"] = "SO-1" } }, None));
        if (status != PaymentStatus.Created)
        {
            await SaveAsync(order, p => p with { Status = status });
        }

        return order;
    }

    // Created in a final state, with that state's event already published: later events stand alone.
    private async Task<string> CreatePublishedAsync(PaymentStatus status)
    {
        var order = await CreateAsync(status);
        foreach (var told in await _events.ListUnpublishedAsync(order, None))
        {
            await _events.MarkPublishedAsync(told, None);
        }

        return order;
    }

    private async Task SaveAsync(string order, Func<PaymentData, PaymentData> change, params PaymentRecord[] replaced)
    {
        var stored = (await _store.FindAsync(order, None))!;
        Assert.Equal(SaveOutcome.Saved, await _store.SaveAsync(change(stored.Data), stored.Version, [], replaced, None));
    }
}
