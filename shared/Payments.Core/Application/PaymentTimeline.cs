using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// A payment's whole story in time order, in plain words, built from the records of its partition:
/// creation, gateway calls and answers, notices, browser returns, transitions, status checks, refused
/// messages, operator actions, refunds. Only values safe to show are copied (the records hold no card
/// data, secure codes or signatures; the masked card number is left out as well).
/// </summary>
public static class PaymentTimeline
{
    // The fields of a received message worth showing; everything else stays in storage.
    private static readonly string[] ReceivedFields =
    [
        "notice_type", "payment_id", "payment_status", "payment_details", "payment_authType", "order_amount", "order_currency",
        "push_id", "push_status", "push_details", "refund_id", "refund_amount", "arn",
    ];

    public static IReadOnlyList<TimelineEntry> Build(PaymentData payment, IReadOnlyList<PaymentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(records);
        var entries = new List<TimelineEntry>(records.Count + 1)
        {
            Created(payment),
        };
        foreach (var record in records)
        {
            entries.Add(record.Kind switch
            {
                PaymentRecord.Notice => Received(record),
                RefundRecords.Kind => Refund(record),
                PaymentRecord.MerchantEvent => Told(record),
                _ => Event(record),
            });
        }

        return [.. entries.OrderBy(e => e.At)];
    }

    private static TimelineEntry Created(PaymentData payment)
    {
        var routed = payment.RoutedBy.Length == 0
            ? string.Empty
            : $" Routed to terminal {payment.Terminal} of account {payment.Account} by {payment.RoutedBy}.";
        return new(
            payment.CreatedAt,
            "created",
            $"Payment created: {payment.Amount} by {MethodNames.ToApi(payment.Method)}, order {payment.OrderNumber}.{routed}",
            Values(("captureMode", payment.CaptureMode.ToString()), ("account", payment.Account), ("terminal", payment.Terminal), ("routedBy", payment.RoutedBy)));
    }

    private static TimelineEntry Received(PaymentRecord record)
    {
        var v = record.Values;
        string Get(string key) => v.TryGetValue(key, out var value) ? value : string.Empty;
        var details = ReceivedFields.Where(f => Get(f).Length > 0).ToDictionary(f => f, Get, StringComparer.Ordinal);
        return Get(PaymentRecords.ReceivedAs) switch
        {
            "browser-return" => new(record.At, "browser-return", $"The shopper came back from the gateway with payment_status {Get("payment_status")} ({Get("payment_details")}); verified.", details),
            "business-notice" => new(record.At, "business-notice", $"Oceanpayment sent a {Get("notice_type")} notice, push_status {Get("push_status")}: {Get("push_details")}; verified.", details),
            _ => new(record.At, "notice", $"Oceanpayment sent a payment notice with payment_status {Get("payment_status")} ({Get("payment_details")}); verified.", details),
        };
    }

    private static TimelineEntry Refund(PaymentRecord record)
    {
        var refund = RefundRecords.FromRecord(record);
        return new(record.At, "refund", $"Refund {refund.RefundId} of {refund.Amount} asked for; now {RefundView.StatusName(refund.Status)}{(refund.NeedsReview ? ", waiting for an operator" : string.Empty)}.", Values(
            ("refundId", refund.RefundId), ("status", RefundView.StatusName(refund.Status)), ("gatewayRefundId", refund.GatewayRefundId), ("reason", refund.Reason)));
    }

    private static TimelineEntry Told(PaymentRecord record)
    {
        var type = record.Values.TryGetValue("type", out var t) ? t : string.Empty;
        var id = record.Values.TryGetValue("eventId", out var e) ? e : string.Empty;
        return new(record.At, "merchant-event", $"Event {type} ({id}) written for the merchant's webhooks and events feed.", Values(("eventType", type), ("eventId", id)));
    }

    // Every audit record renders itself; a type this app never wrote shows as it is.
    private static TimelineEntry Event(PaymentRecord record)
    {
        var v = record.Values;
        var type = v.TryGetValue("type", out var t) ? t : string.Empty;
        var summary = AuditRecords.Read(v)?.Describe() ?? $"{type}.";
        return new TimelineEntry(record.At, type.Length > 0 ? type : "event", summary, v.Where(p => p.Key != "type").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values)
        => values.Where(v => v.Value.Length > 0).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}

/// <summary>One line of a payment's story.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Type, string Summary, IReadOnlyDictionary<string, string> Details);

/// <summary>What <c>GET /api/payments/{paymentId}/timeline</c> answers.</summary>
public sealed record PaymentTimelineView(string PaymentId, string Status, IReadOnlyList<TimelineEntry> Entries);
