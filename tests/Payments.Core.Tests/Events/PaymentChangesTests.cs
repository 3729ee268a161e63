using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Events;

/// <summary>The one rule that decides what a write of a payment tells: a change counted once, its event built from the written state.</summary>
public sealed class PaymentChangesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(At.AddMinutes(2));
    private readonly PaymentChanges _changes;

    public PaymentChangesTests() => _changes = For(_clock);

    /// <summary>The stamper as the app builds it, dated by <paramref name="clock"/>.</summary>
    internal static PaymentChanges For(TimeProvider clock) => new(
        new PaymentsSettings { PublicBaseUrl = new Uri("https://pay.example.com/"), Routing = Application.DemoRouting.Instance, AllowedReturnOrigins = [] },
        clock);

    public static TheoryData<PaymentStatus, string?> StatusEvents => new()
    {
        { PaymentStatus.Created, null },
        { PaymentStatus.Processing, null },
        { PaymentStatus.Pending, null },
        { PaymentStatus.RequiresAction, "payment.requires_action" },
        { PaymentStatus.Authorised, "payment.authorised" },
        { PaymentStatus.Succeeded, "payment.succeeded" },
        { PaymentStatus.Failed, "payment.failed" },
        { PaymentStatus.Canceled, "payment.canceled" },
        { PaymentStatus.Review, "payment.review" },
    };

    [Theory]
    [MemberData(nameof(StatusEvents))]
    public void Stamp_NewStatus_CountsOneChangeAndTellsItsEvent(PaymentStatus status, string? type)
    {
        var written = Payment(PaymentStatus.Processing) with { Status = status == PaymentStatus.Processing ? PaymentStatus.Pending : status };
        var expectedType = status == PaymentStatus.Processing ? null : type;

        var stamped = _changes.Stamp(written, []);

        Assert.True(stamped.Changed);
        Assert.Equal(5, stamped.Payment.ChangeSequence);
        Assert.Equal(written.Status, stamped.Payment.AnnouncedStatus);
        Assert.Equal(expectedType is null ? [] : new[] { expectedType }, stamped.Events.Select(e => e.Type));
        Assert.All(stamped.Events, e => Assert.Equal(EventIds.Format("ORD-1", 5), e.Id));
    }

    [Fact]
    public void Stamp_SameStatusAsAnnounced_ChangesNothing()
    {
        var written = Payment(PaymentStatus.Succeeded) with { NextCheckAt = At, UpdatedAt = At.AddHours(1) };

        var stamped = _changes.Stamp(written, []);

        Assert.False(stamped.Changed);
        Assert.Same(written, stamped.Payment);
        Assert.Empty(stamped.Events);
    }

    [Fact]
    public void Stamp_StampedWriteStampedAgain_TellsNothingMore()
    {
        var once = _changes.Stamp(Payment(PaymentStatus.Pending) with { Status = PaymentStatus.Succeeded }, []);

        var twice = _changes.Stamp(once.Payment, []);

        Assert.Single(once.Events);
        Assert.False(twice.Changed);
        Assert.Empty(twice.Events);
    }

    [Fact]
    public void Stamp_EventBody_IsThePaymentViewUnderIdTypeAndTime()
    {
        // Dated when written, whatever the payment's own times say.
        var written = Payment(PaymentStatus.Pending) with { Status = PaymentStatus.Failed, FailureCode = "80050", FailureMessage = "Declined", UpdatedAt = At.AddMinutes(-5) };

        var told = Assert.Single(_changes.Stamp(written, []).Events);

        using var body = JsonDocument.Parse(told.Body);
        var root = body.RootElement;
        Assert.Equal(["id", "type", "createdAt", "data"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(At.AddMinutes(2), root.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(At.AddMinutes(2), told.CreatedAt);
        var data = root.GetProperty("data");
        Assert.Equal("failed", data.GetProperty("status").GetString());
        Assert.Equal("80050", data.GetProperty("failure").GetProperty("code").GetString());
        Assert.Equal("v", data.GetProperty("metadata").GetProperty("k").GetString());
        // Events go to the merchant: its private notes are in them, a refunds list is not.
        Assert.Equal("12.40", data.GetProperty("privateMetadata").GetProperty("cost").GetString());
        Assert.False(data.TryGetProperty("refunds", out _));
        Assert.False(data.TryGetProperty("clientSecret", out _));
        Assert.False(data.TryGetProperty("billing", out _));
    }

    [Fact]
    public void Stamp_EachDisputeStatusChange_IsToldOnce_AReasonChangeNot()
    {
        var open = new DisputeData { Status = DisputeStatus.Open, Reason = "4837", OpenedAt = At };
        var opened = _changes.Stamp(Payment(PaymentStatus.Succeeded) with { Disputes = [open] }, []);
        var told = Assert.Single(opened.Payment.Disputes);
        var reasonOnly = _changes.Stamp(opened.Payment with { Disputes = [told with { Reason = "re-presented" }] }, []);
        var review = _changes.Stamp(opened.Payment with { Disputes = [told with { Status = DisputeStatus.UnderReview }] }, []);
        var closed = _changes.Stamp(review.Payment with { Disputes = [review.Payment.Disputes[0] with { Status = DisputeStatus.Lost, ClosedAt = At.AddDays(30) }] }, []);
        var overturned = _changes.Stamp(closed.Payment with { Disputes = [closed.Payment.Disputes[0] with { Status = DisputeStatus.Won, Final = true }] }, []);
        var second = _changes.Stamp(overturned.Payment with { Disputes = [.. overturned.Payment.Disputes, open with { OpenedAt = At.AddDays(40) }] }, []);

        Assert.Equal(DisputeStatus.Open, told.AnnouncedStatus);
        Assert.Equal(["dispute.opened"], opened.Events.Select(e => e.Type));
        Assert.Empty(reasonOnly.Events);
        Assert.Equal(["dispute.updated"], review.Events.Select(e => e.Type));
        Assert.Equal(["dispute.closed"], closed.Events.Select(e => e.Type));
        Assert.Equal(["dispute.closed"], overturned.Events.Select(e => e.Type));
        Assert.Equal(["dispute.opened"], second.Events.Select(e => e.Type));
        Assert.Equal(opened.Payment.ChangeSequence + 4, second.Payment.ChangeSequence);
        Assert.All(second.Payment.Disputes, d => Assert.Equal(d.Status, d.AnnouncedStatus));
        using var body = JsonDocument.Parse(second.Events[0].Body);
        Assert.Equal(2, body.RootElement.GetProperty("data").GetProperty("disputeNumber").GetInt32());
        Assert.Equal(2, body.RootElement.GetProperty("data").GetProperty("disputes").GetArrayLength());
    }

    [Theory]
    [InlineData(null, DisputeStatus.Open, "dispute.opened")]
    [InlineData(null, DisputeStatus.UnderReview, "dispute.opened")]
    [InlineData(null, DisputeStatus.Won, "dispute.closed")]
    [InlineData(null, DisputeStatus.Lost, "dispute.closed")]
    [InlineData(DisputeStatus.Open, DisputeStatus.UnderReview, "dispute.updated")]
    [InlineData(DisputeStatus.Open, DisputeStatus.Lost, "dispute.closed")]
    [InlineData(DisputeStatus.UnderReview, DisputeStatus.Won, "dispute.closed")]
    [InlineData(DisputeStatus.Lost, DisputeStatus.Won, "dispute.closed")]
    public void DisputeEventTypeOf_NamesTheChange(DisputeStatus? announced, DisputeStatus status, string type)
    {
        Assert.Equal(type, PaymentChanges.DisputeEventTypeOf(announced, status));
        Assert.True(MerchantEventTypes.IsKnown(type));
    }

    [Fact]
    public void Stamp_RefundReachesAFinalState_TellsItOnceAndMarksTheRowTold()
    {
        var pending = Refund(RefundStatus.Pending);
        var settled = pending with { Status = RefundStatus.Failed, UpdatedAt = At.AddHours(1) };
        var other = new PaymentRecord(PaymentRecord.Event, "e1", At, new Dictionary<string, string> { ["type"] = "x" });

        var stillPending = _changes.Stamp(Payment(PaymentStatus.Succeeded), [RefundRecords.ToRecord(pending)]);
        var stamped = _changes.Stamp(Payment(PaymentStatus.Succeeded), [other, RefundRecords.ToRecord(settled)]);
        var rowAfter = RefundRecords.FromRecord(stamped.Replaced[1]);
        var writtenAgain = _changes.Stamp(stamped.Payment, [RefundRecords.ToRecord(rowAfter with { Arn = "123" })]);

        Assert.Empty(stillPending.Events);
        var told = Assert.Single(stamped.Events);
        Assert.Equal("refund.failed", told.Type);
        Assert.Same(other, stamped.Replaced[0]);
        Assert.Equal(RefundStatus.Failed, rowAfter.AnnouncedStatus);
        Assert.Empty(writtenAgain.Events);
        using var body = JsonDocument.Parse(told.Body);
        Assert.Equal(pending.RefundId, body.RootElement.GetProperty("data").GetProperty("refund").GetProperty("refundId").GetString());
        Assert.Equal(_clock.GetUtcNow(), told.CreatedAt);
    }

    [Fact]
    public void Stamp_StatusAndRefundInOneWrite_TwoEventsWithTheirOwnNumbers()
    {
        var stamped = _changes.Stamp(Payment(PaymentStatus.Review) with { Status = PaymentStatus.Succeeded }, [RefundRecords.ToRecord(Refund(RefundStatus.Succeeded))]);

        Assert.Equal([(5L, "payment.succeeded"), (6L, "refund.succeeded")], stamped.Events.Select(e => (e.Sequence, e.Type)));
        Assert.Equal(6, stamped.Payment.ChangeSequence);
    }

    [Fact]
    public void RefundRecord_WrittenBeforeEventsExisted_CountsAFinalStateAsTold()
    {
        var record = RefundRecords.ToRecord(Refund(RefundStatus.Succeeded));
        var old = record with { Values = record.Values.Where(v => v.Key != "announced").ToDictionary(v => v.Key, v => v.Value) };

        Assert.Equal(RefundStatus.Succeeded, RefundRecords.FromRecord(old).AnnouncedStatus);
        Assert.Empty(_changes.Stamp(Payment(PaymentStatus.Succeeded), [old]).Events);
    }

    [Theory]
    [InlineData("ORD-1", 1L)]
    [InlineData("a_b-C", 123456789012L)]
    public void EventIds_RoundTrip(string order, long sequence)
    {
        Assert.True(EventIds.TryParse(EventIds.Format(order, sequence), out var parsedOrder, out var parsedSequence));
        Assert.Equal((order, sequence), (parsedOrder, parsedSequence));
    }

    // A payment whose stored row announced its status at change 4.
    private static PaymentData Payment(PaymentStatus status) => new()
    {
        PaymentId = "pay_ORD-1",
        OrderNumber = "ORD-1",
        Account = "995149",
        Terminal = "99514901",
        Method = PaymentMethod.Card,
        Amount = new Money(2500, Currency.Parse("EUR")),
        Status = status,
        Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@example.com", Country = "DE" },
        Metadata = new Dictionary<string, string> { ["k"] = "v" },
        PrivateMetadata = new Dictionary<string, string> { ["cost"] = "12.40" },
        ReturnUrl = "https://shop.example.com/r",
        ClientSecret = "cs_secret",
        CreatedAt = At,
        UpdatedAt = At,
        ChangeSequence = 4,
        AnnouncedStatus = status,
    };

    private static RefundData Refund(RefundStatus status) => new()
    {
        RefundId = "re_" + new string('b', 24),
        Amount = new Money(500, Currency.Parse("EUR")),
        Status = status,
        CreatedAt = At,
        UpdatedAt = At,
    };
}
