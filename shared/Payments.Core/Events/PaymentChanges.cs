using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Payments.Core.Application;
using Payments.Core.Payments;

namespace Payments.Core.Events;

/// <summary>
/// The one place that decides what a write of a payment tells the outside: every write of a payment
/// passes through <see cref="Commit"/> (in <see cref="PaymentWriter"/>) just before it is handed to the
/// store, and what it returns is committed in the same entity-group batch. The store only persists it. A change is counted when the payment's status, one of its disputes or one
/// of its refunds differs from what the stored row last announced; counting raises
/// <see cref="PaymentData.ChangeSequence"/> and records the new state as announced. So a transition has
/// exactly one event (a retried or concurrent write of the same transition fails on the row's version
/// and, read again, finds nothing new to tell), and no event exists without its transition.
/// </summary>
public sealed class PaymentChanges(PaymentsSettings settings, TimeProvider clock)
{
    // As the API writes JSON: camelCase, nulls left out.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The merchant event a status announces, if any (created, processing and pending are not told).</summary>
    public static string? EventTypeOf(PaymentStatus status) => status switch
    {
        PaymentStatus.Succeeded => MerchantEventTypes.PaymentSucceeded,
        // A declined attempt of a payment that allows another is told as a failure too, with attemptsLeft.
        PaymentStatus.Failed or PaymentStatus.RequiresPaymentMethod => MerchantEventTypes.PaymentFailed,
        PaymentStatus.RequiresAction => MerchantEventTypes.PaymentRequiresAction,
        PaymentStatus.Review => MerchantEventTypes.PaymentReview,
        PaymentStatus.Authorised => MerchantEventTypes.PaymentAuthorised,
        PaymentStatus.Canceled => MerchantEventTypes.PaymentCanceled,
        _ => null,
    };

    /// <summary>
    /// The complete write of <paramref name="payment"/> at <paramref name="version"/> (empty: a new
    /// payment) with <paramref name="added"/> records and <paramref name="replaced"/> rows, stamped.
    /// </summary>
    public PaymentCommit Commit(PaymentData payment, string version, IReadOnlyList<PaymentRecord> added, IReadOnlyList<PaymentRecord> replaced)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(added);
        var stamped = Stamp(payment, replaced);
        return new PaymentCommit(stamped.Payment, version, added, stamped.Replaced, stamped.Events, stamped.Changed);
    }

    /// <summary>
    /// Counts what changed in <paramref name="payment"/> (as the caller is about to write it) and in the
    /// refund rows written with it. The stored row's announced values, carried in the data the caller
    /// read, are the baseline; events are dated by the clock, just before the write.
    /// </summary>
    public StampedWrite Stamp(PaymentData payment, IReadOnlyList<PaymentRecord> replaced)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(replaced);
        var sequence = payment.ChangeSequence;
        var events = new List<MerchantEvent>();
        if (payment.AnnouncedStatus != payment.Status)
        {
            sequence++;
            if (EventTypeOf(payment.Status) is { } type)
            {
                events.Add(Build(payment, sequence, type, refund: null, disputeNumber: null));
            }
        }

        // Each dispute carries what was last told of it: every new status of every dispute is one change.
        List<DisputeData>? disputes = null;
        for (var i = 0; i < payment.Disputes.Count; i++)
        {
            var dispute = payment.Disputes[i];
            if (dispute.AnnouncedStatus == dispute.Status)
            {
                continue;
            }

            sequence++;
            disputes ??= [.. payment.Disputes];
            disputes[i] = dispute with { AnnouncedStatus = dispute.Status };
            events.Add(Build(payment with { Disputes = disputes }, sequence, DisputeEventTypeOf(dispute.AnnouncedStatus, dispute.Status), refund: null, disputeNumber: i + 1));
        }

        List<PaymentRecord>? rows = null;
        for (var i = 0; i < replaced.Count; i++)
        {
            if (replaced[i].Kind != RefundRecords.Kind)
            {
                continue;
            }

            var refund = RefundRecords.FromRecord(replaced[i]);
            if (refund.Status == RefundStatus.Pending || refund.AnnouncedStatus == refund.Status)
            {
                continue;
            }

            sequence++;
            var told = refund with { AnnouncedStatus = refund.Status };
            events.Add(Build(payment, sequence, refund.Status == RefundStatus.Succeeded ? MerchantEventTypes.RefundSucceeded : MerchantEventTypes.RefundFailed, told, disputeNumber: null));
            rows ??= [.. replaced];
            rows[i] = RefundRecords.ToRecord(told);
        }

        return sequence == payment.ChangeSequence
            ? new StampedWrite(payment, replaced, [], Changed: false)
            : new StampedWrite(payment with { ChangeSequence = sequence, AnnouncedStatus = payment.Status, Disputes = disputes ?? payment.Disputes }, rows ?? replaced, events, Changed: true);
    }

    /// <summary>
    /// The event a dispute's new status tells: <c>dispute.opened</c> for a dispute first told open or under
    /// review, <c>dispute.updated</c> when a told dispute goes under review, <c>dispute.closed</c> whenever it
    /// reaches won or lost (again when a re-presentment's result overturns the chargeback's).
    /// </summary>
    public static string DisputeEventTypeOf(DisputeStatus? announced, DisputeStatus status) => status switch
    {
        DisputeStatus.Won or DisputeStatus.Lost => MerchantEventTypes.DisputeClosed,
        _ when announced is null => MerchantEventTypes.DisputeOpened,
        _ => MerchantEventTypes.DisputeUpdated,
    };

    private MerchantEvent Build(PaymentData payment, long sequence, string type, RefundData? refund, int? disputeNumber)
    {
        var id = EventIds.Format(payment.OrderNumber, sequence);
        // When the change is written: the feed orders events by it, so it must be the write's own time
        // (a change's recorded times may lie earlier, behind a reader's cursor).
        var at = clock.GetUtcNow();
        // "data" is the payment view as GET /api/payments/{id} shows it; a refund event adds the refund.
        var data = JsonSerializer.SerializeToNode(PaymentView.From(payment, settings.QrImageUrl(payment.PaymentId)), Json)!.AsObject();
        if (refund is not null)
        {
            data["refund"] = JsonSerializer.SerializeToNode(RefundView.From(payment.PaymentId, refund), Json);
        }

        if (disputeNumber is { } number)
        {
            // Which of the payment's disputes changed: "dispute" is the latest, and a late notice may change an earlier one.
            data["disputeNumber"] = number;
        }

        var body = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["createdAt"] = JsonSerializer.SerializeToNode(at, Json),
            ["data"] = data,
        };
        return new MerchantEvent(id, payment.OrderNumber, sequence, type, at, JsonSerializer.SerializeToUtf8Bytes(body, Json));
    }
}

/// <summary>What <see cref="PaymentChanges.Stamp"/> made of a write: the payment and refund rows to commit
/// (with the announced values and sequence raised) and the events to add in the same batch.</summary>
/// <param name="Changed">True when the sequence was raised: the list index and event publisher must look.</param>
public sealed record StampedWrite(PaymentData Payment, IReadOnlyList<PaymentRecord> Replaced, IReadOnlyList<MerchantEvent> Events, bool Changed);
