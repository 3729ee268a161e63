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

    private static TimelineEntry Event(PaymentRecord record)
    {
        var v = record.Values;
        string Get(string key) => v.TryGetValue(key, out var value) ? value : string.Empty;
        string Operator() => Get("operator") is { Length: > 0 } name ? name : "An operator";
        var type = Get("type");
        var summary = type switch
        {
            "sent" => $"Sent to Oceanpayment on terminal {Get("terminal")} ({Get("methods")}).",
            "answer" => $"Oceanpayment answered the payment request: payment_status {Get("status")}, details {Get("details")}.",
            "outcome-unknown" => $"Oceanpayment's answer could not be used ({Get("reason")}); a status check will find out.",
            "transition" => Get("from") == Get("to")
                ? $"A {Get("source")} result ({Get("outcome")}) was recorded; the status stays {Get("to")}: {Get("reason")}"
                : $"Status {Get("from")} -> {Get("to")} by a {Get("source")} result ({Get("outcome")}, details {Get("details")}).",
            "query" => $"Status check{(Get("why").Length > 0 ? " (" + Get("why") + ")" : string.Empty)}: payment_results {Get("results")}, details {Get("details")}.",
            "not-found" => "Oceanpayment had no record of the payment after the grace period: failed, not charged.",
            "horizon" => "No final result by the reconciliation horizon: sent to review.",
            "review" => $"Sent to review: {Get("reason")}",
            "operator-resolved" => $"{Operator()} settled the review as {Get("to")}: {Get("reason")}",
            "operator-check" => $"{Get("operator")} asked Oceanpayment about the {Get("what")} now.",
            "unknown-payment" => $"A verified {Get("source")} result arrived before the payment existed here ({Get("outcome")}).",
            "security" => "Messages refused this hour: " + string.Join(", ", v.Where(p => p.Key != "type").Select(p => $"{p.Key} x{p.Value}")) + ".",
            "refund-requested" => $"Refund {Get("refundId")} of {Get("amount")} asked for{(Get("operator").Length > 0 ? " by " + Get("operator") : string.Empty)}: {Get("reason")}",
            "refund-accepted" => $"Oceanpayment accepted refund {Get("refundId")} (its id {Get("gatewayRefundId")}).",
            "refund-succeeded" => $"Refund {Get("refundId")} succeeded ({Get("source")}).",
            "refund-failed" => $"Refund {Get("refundId")} failed ({Get("source")}: {Get("code")} {Get("details")}).",
            "refund-notice" => Get("matched") == "yes"
                ? $"A refund notice (push_status {Get("pushStatus")}) named refund {Get("refundId")}; checking it now."
                : $"A refund notice (push_status {Get("pushStatus")}) named no refund of this payment.",
            "refund-arn" => $"Acquirer reference {Get("arn")} for refund {Get("refundId")}.",
            "refund-review" => $"Refund {Get("refundId")} has no final result by its horizon: an operator must look.",
            "business-notice" => $"{Get("noticeType")} notice (push_status {Get("pushStatus")}): {Describe(Get("change"))}",
            "capture-requested" => $"Capture of {Get("amount")} sent to Oceanpayment.",
            "cancel-requested" => "Cancel (void) sent to Oceanpayment.",
            "capture-answer" or "cancel-answer" => $"Oceanpayment answered the {type[..type.IndexOf('-', StringComparison.Ordinal)]}: payment_status {Get("status")}, details {Get("details")}.",
            Webhooks.WebhookRecords.Type => Webhooks.WebhookRecords.Describe(v),
            "capture-refused" or "cancel-refused" => $"Oceanpayment refused the {type[..type.IndexOf('-', StringComparison.Ordinal)]} ({Get("details")}); the authorisation stands.",
            _ => $"{type}.",
        };
        return new TimelineEntry(record.At, type.Length > 0 ? type : "event", summary, v.Where(p => p.Key != "type").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    private static string Describe(string change) => change switch
    {
        "dispute-opened" => "a dispute was opened.",
        "dispute-opened-under-review" => "a dispute was opened, already under review.",
        "dispute-opened-won" => "a dispute was opened by a notice that decides it: won.",
        "dispute-opened-lost" => "a dispute was opened by a notice that decides it: lost.",
        "dispute-under-review" => "the dispute is under review (re-presented).",
        "dispute-won" => "the dispute was won.",
        "dispute-lost" => "the dispute was lost.",
        "dispute-noted" => "noted on its dispute; late or no further than the dispute already was, nothing changed.",
        "none" or "" => "recorded, nothing changed.",
        _ when change.StartsWith("flags-", StringComparison.Ordinal) => "flagged (" + change[6..] + ").",
        _ => change + ".",
    };

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values)
        => values.Where(v => v.Value.Length > 0).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}

/// <summary>One line of a payment's story.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Type, string Summary, IReadOnlyDictionary<string, string> Details);

/// <summary>What <c>GET /api/payments/{paymentId}/timeline</c> answers.</summary>
public sealed record PaymentTimelineView(string PaymentId, string Status, IReadOnlyList<TimelineEntry> Entries);
