using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Payments;
using Payments.Core.Tests.Events;

namespace Payments.Core.Tests.Payments;

/// <summary>
/// Disputes as a lifecycle: the notices of a chargeback delivered in every order reach the same end, no
/// step moves a dispute backwards, and each status change is told once.
/// </summary>
public sealed class DisputeLifecycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly PaymentChanges _changes = PaymentChangesTests.For(new FakeTimeProvider(Start));

    // cb = chargeBack, rp = re-presentment; the number is push_status. The gateway dates them in this order.
    public static TheoryData<string, string[]> SingleDisputes => new()
    {
        { "won", ["cb2", "cb1", "rp2", "rp1"] },
        { "lost", ["cb2", "cb1", "rp2", "rp0"] },
        { "won", ["cb1", "rp2", "rp1"] },
        { "won", ["cb2", "rp2", "rp1"] },
        { "lost", ["cb2", "rp2", "rp0"] },
        { "won", ["cb2", "cb0"] },
        { "lost", ["cb2", "cb1"] },
        { "lost", ["cb2", "cb0", "rp2", "rp0"] },
        { "under_review", ["cb2", "rp2"] },
        { "open", ["cb2"] },
    };

    [Theory]
    [MemberData(nameof(SingleDisputes))]
    public void EveryOrderOfOneChargebacksNotices_EndsTheSame_NeverBackwards_OneEventPerChange(string expected, string[] notices)
    {
        var dated = Dated(notices, firstMinute: 1);
        var orders = 0;
        foreach (var order in Permutations(dated))
        {
            var (payment, events) = Deliver(Succeeded(), order);

            var dispute = Assert.Single(payment.Disputes);
            Assert.Equal(expected, DisputeView.StatusName(dispute.Status));
            Assert.Equal(dated.Min(n => n.At), dispute.OpenedAt);
            Assert.Equal(dated.Select(n => n.PushId).Order(), dispute.NoticeIds.Order());
            Assert.All(events, e => Assert.Equal(1, e.DisputeNumber));
            orders++;
        }

        Assert.Equal(Factorial(notices.Length), orders);
    }

    [Fact]
    public void ChargebackLost_ThenContestedAndWon_EndsWon_WithAnEventForEachChange()
    {
        var (payment, events) = Deliver(Succeeded(), Dated(["cb1", "rp2", "rp1"], firstMinute: 1));

        var dispute = Assert.Single(payment.Disputes);
        Assert.Equal(DisputeStatus.Won, dispute.Status);
        Assert.True(dispute.Final);
        Assert.Equal(Start.AddMinutes(3), dispute.ClosedAt);
        // The chargeback's result closes it lost; the contest cannot move a closed dispute back; its result overturns it.
        Assert.Equal([(MerchantEventTypes.DisputeClosed, "lost"), (MerchantEventTypes.DisputeClosed, "won")], events.Select(e => (e.Type, e.Status)));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void ChargebackOpen_ReRepresented_ThenWon_TellsOpenedUpdatedClosed()
    {
        var (_, events) = Deliver(Succeeded(), Dated(["cb2", "rp2", "rp1"], firstMinute: 1));

        Assert.Equal(
            [(MerchantEventTypes.DisputeOpened, "open"), (MerchantEventTypes.DisputeUpdated, "under_review"), (MerchantEventTypes.DisputeClosed, "won")],
            events.Select(e => (e.Type, e.Status)));
    }

    [Fact]
    public void ASecondChargebackAfterAWin_OpensANewDispute_AndALateNoticeOfTheFirstDoesNot()
    {
        var first = Dated(["cb2", "cb1", "rp2", "rp1"], firstMinute: 1);
        var (afterWin, _) = Deliver(Succeeded(), [first[0], first[3]]);
        Assert.Equal(DisputeStatus.Won, Assert.Single(afterWin.Disputes).Status);

        // Dated before the win: the first dispute's own notices, late. Nothing reopens, nothing is told.
        var (late, lateEvents) = Deliver(afterWin, [first[1], first[2]]);
        Assert.Equal(DisputeStatus.Won, Assert.Single(late.Disputes).Status);
        Assert.Empty(lateEvents);

        var (second, events) = Deliver(late, Dated(["cb2", "cb1"], firstMinute: 60));

        Assert.Equal([DisputeStatus.Won, DisputeStatus.Lost], second.Disputes.Select(d => d.Status));
        Assert.Equal([(MerchantEventTypes.DisputeOpened, 2), (MerchantEventTypes.DisputeClosed, 2)], events.Select(e => (e.Type, e.DisputeNumber)));
        Assert.Equal(Start.AddMinutes(60), second.Disputes[1].OpenedAt);
        Assert.Equal(second.Disputes[1], second.LatestDispute);
    }

    [Theory]
    [InlineData(new[] { "cb2", "cb1", "rp2", "rp1" }, new[] { "cb2", "cb1" }, "won", "lost")]
    [InlineData(new[] { "cb2", "cb0" }, new[] { "cb2", "cb1" }, "won", "lost")]
    [InlineData(new[] { "cb2", "rp2", "rp0" }, new[] { "rp2", "rp1" }, "lost", "won")]
    [InlineData(new[] { "cb2", "cb1", "rp2", "rp1" }, new[] { "cb2", "rp2", "rp1" }, "won", "won")]
    public void TwoChargebacks_TheFirstClosedBeforeTheSecondArrives_EveryOrderWithin_TwoDisputes(string[] firstNotices, string[] secondNotices, string first, string second)
    {
        var earlier = Dated(firstNotices, firstMinute: 1);
        var later = Dated(secondNotices, firstMinute: 100);
        foreach (var one in Permutations(earlier))
        {
            foreach (var two in Permutations(later))
            {
                var (payment, events) = Deliver(Succeeded(), [.. one, .. two]);

                Assert.Equal([first, second], payment.Disputes.Select(d => DisputeView.StatusName(d.Status)));
                Assert.Equal(earlier.Select(n => n.PushId).Order(), payment.Disputes[0].NoticeIds.Order());
                Assert.Equal(later.Select(n => n.PushId).Order(), payment.Disputes[1].NoticeIds.Order());
                Assert.Contains(events, e => e.DisputeNumber == 2 && e.Type == MerchantEventTypes.DisputeClosed);
            }
        }
    }

    [Fact]
    public void ALateNoticeOfTheFirstDispute_AfterTheSecondOpened_ChangesTheFirst()
    {
        var first = Dated(["cb2", "cb1", "rp2", "rp1"], firstMinute: 1);
        var (payment, events) = Deliver(Succeeded(), [first[0], first[1], .. Dated(["cb2"], firstMinute: 100), first[3], first[2]]);

        Assert.Equal([DisputeStatus.Won, DisputeStatus.Open], payment.Disputes.Select(d => d.Status));
        Assert.Equal((MerchantEventTypes.DisputeClosed, 1, "won"), events.Select(e => (e.Type, e.DisputeNumber, e.Status)).Last());
    }

    [Theory]
    [InlineData("chargeBack", BusinessNoticeStatus.InDispute, DisputeDecisionKind.Opened, DisputeStatus.Open)]
    [InlineData("chargeBack", BusinessNoticeStatus.Succeeded, DisputeDecisionKind.Opened, DisputeStatus.Lost)]
    [InlineData("chargeBack", BusinessNoticeStatus.Failed, DisputeDecisionKind.Opened, DisputeStatus.Won)]
    [InlineData("re-presentment", BusinessNoticeStatus.InDispute, DisputeDecisionKind.Opened, DisputeStatus.UnderReview)]
    [InlineData("re-presentment", BusinessNoticeStatus.Succeeded, DisputeDecisionKind.Opened, DisputeStatus.Won)]
    [InlineData("re-presentment", BusinessNoticeStatus.Failed, DisputeDecisionKind.Opened, DisputeStatus.Lost)]
    [InlineData("chargeBack", BusinessNoticeStatus.Unrecognised, DisputeDecisionKind.NotADispute, DisputeStatus.Open)]
    [InlineData("fraud", BusinessNoticeStatus.Succeeded, DisputeDecisionKind.NotADispute, DisputeStatus.Open)]
    public void DecideDispute_FirstNotice_FollowsTheTable(string type, BusinessNoticeStatus push, DisputeDecisionKind kind, DisputeStatus status)
    {
        var decision = PaymentStateMachine.DecideDispute([], new DisputeNotice(type, push, PushId(1), "d", Start));

        Assert.Equal((kind, status), (decision.Kind, decision.Status));
    }

    // current status, final, notice, minutes after the close (negative: dated before it) -> kind, status
    [Theory]
    [InlineData(DisputeStatus.Open, false, "rp2", 5, DisputeDecisionKind.Changed, DisputeStatus.UnderReview)]
    [InlineData(DisputeStatus.Open, false, "cb2", 5, DisputeDecisionKind.Noted, DisputeStatus.Open)]
    [InlineData(DisputeStatus.UnderReview, false, "cb2", 5, DisputeDecisionKind.Noted, DisputeStatus.UnderReview)]
    [InlineData(DisputeStatus.UnderReview, false, "cb1", 5, DisputeDecisionKind.Changed, DisputeStatus.Lost)]
    [InlineData(DisputeStatus.Lost, false, "rp2", 5, DisputeDecisionKind.Noted, DisputeStatus.Lost)]
    [InlineData(DisputeStatus.Lost, false, "rp1", 5, DisputeDecisionKind.Changed, DisputeStatus.Won)]
    [InlineData(DisputeStatus.Lost, false, "cb0", -5, DisputeDecisionKind.Noted, DisputeStatus.Lost)]
    [InlineData(DisputeStatus.Lost, false, "cb2", -5, DisputeDecisionKind.Noted, DisputeStatus.Lost)]
    [InlineData(DisputeStatus.Lost, false, "cb2", 5, DisputeDecisionKind.Opened, DisputeStatus.Open)]
    [InlineData(DisputeStatus.Won, true, "rp0", 5, DisputeDecisionKind.Opened, DisputeStatus.Lost)]
    [InlineData(DisputeStatus.Won, true, "rp0", -5, DisputeDecisionKind.Noted, DisputeStatus.Won)]
    [InlineData(DisputeStatus.Won, true, "cb1", -5, DisputeDecisionKind.Noted, DisputeStatus.Won)]
    [InlineData(DisputeStatus.Won, true, "cb2", 0, DisputeDecisionKind.Noted, DisputeStatus.Won)]
    [InlineData(DisputeStatus.Won, true, "cb2", 5, DisputeDecisionKind.Opened, DisputeStatus.Open)]
    public void DecideDispute_OnTheLatestDispute_RanksAndDatesDecide(DisputeStatus current, bool final, string notice, int minutesAfterClose, DisputeDecisionKind kind, DisputeStatus status)
    {
        var closedAt = Start.AddHours(1);
        var dispute = new DisputeData
        {
            Status = current,
            Final = final,
            OpenedAt = Start,
            ClosedAt = current is DisputeStatus.Won or DisputeStatus.Lost ? closedAt : null,
            NoticeIds = [PushId(900)],
        };

        var decision = PaymentStateMachine.DecideDispute([dispute], Notice(notice, PushId(1), closedAt.AddMinutes(minutesAfterClose)));

        Assert.Equal((kind, status), (decision.Kind, decision.Status));
        Assert.Equal(kind == DisputeDecisionKind.Opened ? 1 : 0, decision.Index);
    }

    [Fact]
    public void DecideDispute_ANoticeAlreadyHeld_IsADuplicate()
    {
        var dispute = new DisputeData { Status = DisputeStatus.Open, OpenedAt = Start, NoticeIds = [PushId(7)] };

        Assert.Equal(DisputeDecisionKind.Duplicate, PaymentStateMachine.DecideDispute([dispute], Notice("rp1", PushId(7), Start)).Kind);
    }

    [Fact]
    public void Disputes_KeepBoundedNoticeIdsAndCount()
    {
        var payment = new Payment(Succeeded());
        for (var i = 0; i < 50; i++)
        {
            payment.ApplyBusinessNotice(Notice("cb2", PushId(i), Start.AddMinutes(i)), Start);
        }

        Assert.Equal(DisputeData.MaxNoticeIds, Assert.Single(payment.Data.Disputes).NoticeIds.Count);
        Assert.Equal(PushId(49), payment.Data.Disputes[0].NoticeIds[^1]);

        for (var i = 0; i < PaymentStateMachine.MaxDisputes + 5; i++)
        {
            var at = Start.AddDays(i + 1);
            payment.ApplyBusinessNotice(Notice("cb1", PushId(1000 + i), at) with { Details = new string('x', 500) }, at);
        }

        Assert.Equal(PaymentStateMachine.MaxDisputes, payment.Data.Disputes.Count);
        var json = JsonSerializer.Serialize(payment.Data.Disputes, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.True(json.Length < 32 * 1024);
    }

    // A flag is raised once; a reversed retrieval clears only a retrieval flag; other notices leave the flags.
    [Theory]
    [InlineData(new string[0], NoticeKind.Fraud, "flags-fraud", new[] { "fraud" })]
    [InlineData(new[] { "fraud" }, NoticeKind.Fraud, null, new[] { "fraud" })]
    [InlineData(new[] { "fraud" }, NoticeKind.HighRisk, "flags-highRisk", new[] { "fraud", "highRisk" })]
    [InlineData(new[] { "retrieval", "fraud" }, NoticeKind.ReversalRetrieval, "flags-reversal-retrieval", new[] { "fraud" })]
    [InlineData(new[] { "fraud" }, NoticeKind.ReversalRetrieval, null, new[] { "fraud" })]
    [InlineData(new string[0], "somethingElse", null, new string[0])]
    public void ApplyBusinessNotice_ARiskNotice_ChangesOnlyTheFlags(string[] before, string noticeType, string? changed, string[] after)
    {
        var data = Succeeded() with { Flags = before };
        var payment = new Payment(data);

        Assert.Equal(changed, payment.ApplyBusinessNotice(new DisputeNotice(noticeType, BusinessNoticeStatus.Succeeded, PushId(1), "risk", Start), Start.AddMinutes(1)));

        Assert.Equal(after, payment.Data.Flags);
        Assert.Equal(changed is null ? data.UpdatedAt : Start.AddMinutes(1), payment.Data.UpdatedAt);
        Assert.Equal(data.Status, payment.Data.Status);
        Assert.Empty(payment.Data.Disputes);
    }

    // Delivers the notices through the aggregate and stamps each write as the store does; checks every
    // step: no dispute moves to a lower rank, none disappears, and each status change is told once.
    private (PaymentData Payment, List<Told> Events) Deliver(PaymentData start, IEnumerable<DisputeNotice> notices)
    {
        var data = start;
        var events = new List<Told>();
        foreach (var notice in notices)
        {
            var payment = new Payment(data);
            payment.ApplyBusinessNotice(notice, notice.At);
            Assert.True(payment.Data.Disputes.Count >= data.Disputes.Count);
            for (var i = 0; i < data.Disputes.Count; i++)
            {
                Assert.True(PaymentStateMachine.RankOf(payment.Data.Disputes[i]) >= PaymentStateMachine.RankOf(data.Disputes[i]));
            }

            var changes = payment.Data.Disputes.Select((d, i) => i >= data.Disputes.Count || d.Status != data.Disputes[i].Status).Count(c => c);
            var stamped = _changes.Stamp(payment.Data, []);
            Assert.Equal(changes, stamped.Events.Count);
            foreach (var told in stamped.Events)
            {
                using var body = JsonDocument.Parse(told.Body);
                var view = body.RootElement.GetProperty("data");
                var number = view.GetProperty("disputeNumber").GetInt32();
                var status = view.GetProperty("disputes")[number - 1].GetProperty("status").GetString()!;
                var all = view.GetProperty("disputes");
                Assert.Equal(all[all.GetArrayLength() - 1].GetRawText(), view.GetProperty("dispute").GetRawText());
                events.Add(new Told(told.Type, number, status));
            }

            Assert.Empty(_changes.Stamp(stamped.Payment, []).Events);
            data = stamped.Payment;
        }

        return (data, events);
    }

    private sealed record Told(string Type, int DisputeNumber, string Status);

    private static PaymentData Succeeded() => PaymentTests.NewPayment(status: PaymentStatus.Succeeded).Data with { ChangeSequence = 3, AnnouncedStatus = PaymentStatus.Succeeded };

    private static DisputeNotice[] Dated(string[] notices, int firstMinute)
        => [.. notices.Select((n, i) => Notice(n, PushId(firstMinute + i), Start.AddMinutes(firstMinute + i)))];

    private static DisputeNotice Notice(string shortName, string pushId, DateTimeOffset at) => new(
        shortName[..2] == "cb" ? NoticeKind.ChargeBack : NoticeKind.RePresentment,
        shortName[2] switch { '0' => BusinessNoticeStatus.Failed, '1' => BusinessNoticeStatus.Succeeded, _ => BusinessNoticeStatus.InDispute },
        pushId,
        shortName,
        at);

    private static string PushId(int n) => "2612010800" + n.ToString("D11", CultureInfo.InvariantCulture);

    private static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static IEnumerable<T[]> Permutations<T>(T[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            T[] rest = [.. items[..i], .. items[(i + 1)..]];
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
