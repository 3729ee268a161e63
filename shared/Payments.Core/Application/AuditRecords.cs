using Payments.Core.Webhooks;

namespace Payments.Core.Application;

/// <summary>
/// One kind of audit record kept beside a payment. Each kind is its own type, with the values it keeps
/// and its line in the payment's timeline (<see cref="Describe"/>), so a kind cannot be written without
/// its line. The stored form is unchanged: a record of kind <c>event</c> with a <c>type</c> value and
/// string values. <see cref="AuditRecords.Read"/> turns a stored row back into its kind, so old rows
/// render the same way.
/// </summary>
/// <param name="Type">The stored <c>type</c> value.</param>
public abstract record AuditRecord(string Type)
{
    /// <summary>The values stored beside the type.</summary>
    public abstract IEnumerable<(string Key, string Value)> Values();

    /// <summary>The record in plain words, for the payment's timeline.</summary>
    public abstract string Describe();

    /// <summary>The record as stored, dated <paramref name="at"/>.</summary>
    public PaymentRecord ToRecord(DateTimeOffset at) => PaymentRecords.Event(Type, at, [.. Values()]);

    /// <summary>The operator's name as an optional value (none when the merchant's server acted).</summary>
    protected static IEnumerable<(string Key, string Value)> By(string operatorName)
        => operatorName.Length == 0 ? [] : [("operator", operatorName)];

    /// <summary>The two-word kinds of a capture or a void (<c>capture-...</c>, <c>cancel-...</c>).</summary>
    protected static string Of(string action, string what) => action + "-" + what;
}

/// <summary>Reads stored audit rows back into their kinds.</summary>
public static class AuditRecords
{
    /// <summary>The kind of a stored audit row (its values, <c>type</c> included); null for a type this app never wrote.</summary>
    public static AuditRecord? Read(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string V(string key) => values.TryGetValue(key, out var value) ? value : string.Empty;
        var type = V("type");
        var dash = type.IndexOf('-', StringComparison.Ordinal);
        var (head, tail) = dash < 0 ? (type, string.Empty) : (type[..dash], type[(dash + 1)..]);
        return type switch
        {
            "sent" => new SentRecord(V("terminal"), V("methods")),
            "answer" => new AnswerRecord(V("status"), V("details")),
            "outcome-unknown" => new OutcomeUnknownRecord(V("reason")),
            "transition" => new TransitionRecord(V("kind"), V("from"), V("to"), V("source"), V("outcome"), V("details"), V("gatewayPaymentId"), V("reason")),
            "query" => new QueryRecord(V("results"), V("details"), V("why")),
            "not-found" => new NotFoundRecord(),
            "horizon" => new HorizonRecord(),
            "review" => new ReviewRecord(V("reason")),
            "operator-resolved" => new OperatorResolvedRecord(V("to"), V("reason"), V("operator")),
            "operator-check" => new OperatorCheckRecord(V("operator"), V("what")),
            "unknown-payment" => new UnknownPaymentRecord(V("source"), V("outcome")),
            SecurityCountRecord.Kind => new SecurityCountRecord([.. values.Where(p => p.Key != "type").Select(p => (p.Key, p.Value))]),
            "business-notice" => new BusinessNoticeRecord(V("noticeType"), V("pushStatus"), V("change")),
            "refund-requested" => new RefundRequestedRecord(V("refundId"), V("amount"), V("reason"), V("operator")),
            "refund-accepted" => new RefundAcceptedRecord(V("refundId"), V("gatewayRefundId")),
            "refund-succeeded" or "refund-failed" => new RefundSettledRecord(tail, V("refundId"), V("source"), V("code"), V("details")),
            "refund-notice" => new RefundNoticeRecord(V("refundId"), V("pushStatus"), V("matched") == "yes"),
            "refund-arn" => new RefundArnRecord(V("refundId"), V("arn")),
            "refund-review" => new RefundReviewRecord(V("refundId"), V("answerLost") == "true"),
            "late-charge-refund" => new LateChargeRefundRecord(V("attempt"), V("refundId"), V("gatewayPaymentId")),
            "capture-requested" or "cancel-requested" => new AuthRequestedRecord(head, V("amount")),
            "capture-answer" or "cancel-answer" => new AuthAnswerRecord(head, V("status"), V("details")),
            "capture-refused" or "cancel-refused" => new AuthRefusedRecord(head, V("details")),
            WebhookRecords.Type => new WebhookAttemptRecord(V("eventId"), V("eventType"), V("endpoint"), V("attempt"), V("status"), V("outcome")),
            _ => null,
        };
    }
}

/// <summary>Sent to the gateway, on a terminal, for its methods.</summary>
public sealed record SentRecord(string Terminal, string Methods) : AuditRecord("sent")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("terminal", Terminal), ("methods", Methods)];

    public override string Describe() => $"Sent to Oceanpayment on terminal {Terminal} ({Methods}).";
}

/// <summary>The gateway call ended without a usable answer.</summary>
public sealed record OutcomeUnknownRecord(string Reason) : AuditRecord("outcome-unknown")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("reason", Reason)];

    public override string Describe() => $"Oceanpayment's answer could not be used ({Reason}); a status check will find out.";
}

/// <summary>The gateway's answer to the payment request.</summary>
public sealed record AnswerRecord(string Status, string Details) : AuditRecord("answer")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("status", Status), ("details", Details)];

    public override string Describe() => $"Oceanpayment answered the payment request: payment_status {Status}, details {Details}.";
}

/// <summary>What the transition table decided for a verified gateway result.</summary>
public sealed record TransitionRecord(string Kind, string From, string To, string Source, string Outcome, string Details, string GatewayPaymentId, string Reason) : AuditRecord("transition")
{
    public override IEnumerable<(string Key, string Value)> Values()
        => [("kind", Kind), ("from", From), ("to", To), ("source", Source), ("outcome", Outcome), ("details", Details), ("gatewayPaymentId", GatewayPaymentId), ("reason", Reason)];

    public override string Describe() => From == To
        ? $"A {Source} result ({Outcome}) was recorded; the status stays {To}: {Reason}"
        : $"Status {From} -> {To} by a {Source} result ({Outcome}, details {Details}).";
}

/// <summary>A status query's answer (<paramref name="Why"/>: <c>live</c> for one made while a shopper waits, else empty).</summary>
public sealed record QueryRecord(string Results, string Details, string Why = "") : AuditRecord("query")
{
    public override IEnumerable<(string Key, string Value)> Values()
        => Why.Length == 0 ? [("results", Results), ("details", Details)] : [("results", Results), ("details", Details), ("why", Why)];

    public override string Describe() => $"Status check{(Why.Length > 0 ? " (" + Why + ")" : string.Empty)}: payment_results {Results}, details {Details}.";
}

/// <summary>The gateway had no record of a payment still processing after the grace period.</summary>
public sealed record NotFoundRecord() : AuditRecord("not-found")
{
    public override IEnumerable<(string Key, string Value)> Values() => [];

    public override string Describe() => "Oceanpayment had no record of the payment after the grace period: failed, not charged.";
}

/// <summary>No final result by the reconciliation horizon.</summary>
public sealed record HorizonRecord() : AuditRecord("horizon")
{
    public override IEnumerable<(string Key, string Value)> Values() => [];

    public override string Describe() => "No final result by the reconciliation horizon: sent to review.";
}

/// <summary>Sent to review for a person to look at.</summary>
public sealed record ReviewRecord(string Reason) : AuditRecord("review")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("reason", Reason)];

    public override string Describe() => $"Sent to review: {Reason}";
}

/// <summary>An operator settled a review (<paramref name="Operator"/> empty when not known).</summary>
public sealed record OperatorResolvedRecord(string To, string Reason, string Operator) : AuditRecord("operator-resolved")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("to", To), ("reason", Reason), .. By(Operator)];

    public override string Describe() => $"{(Operator.Length > 0 ? Operator : "An operator")} settled the review as {To}: {Reason}";
}

/// <summary>An operator asked the gateway now about the payment or its refunds.</summary>
public sealed record OperatorCheckRecord(string Operator, string What) : AuditRecord("operator-check")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("operator", Operator), ("what", What)];

    public override string Describe() => $"{Operator} asked Oceanpayment about the {What} now.";
}

/// <summary>A verified result for an order this app does not know (kept aside in its partition).</summary>
public sealed record UnknownPaymentRecord(string Source, string Outcome) : AuditRecord("unknown-payment")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("source", Source), ("outcome", Outcome)];

    public override string Describe() => $"A verified {Source} result arrived before the payment existed here ({Outcome}).";
}

/// <summary>The hour's count of refused messages, by kind (written by <see cref="SecurityEvents"/>).</summary>
public sealed record SecurityCountRecord(IReadOnlyList<(string Key, string Value)> Counts) : AuditRecord(Kind)
{
    public const string Kind = "security";

    public override IEnumerable<(string Key, string Value)> Values() => Counts;

    public override string Describe() => "Messages refused this hour: " + string.Join(", ", Counts.Select(p => $"{p.Key} x{p.Value}")) + ".";
}

/// <summary>A verified business notice (dispute, risk) and what it changed (<see cref="Payments.Payment.ApplyBusinessNotice"/>).</summary>
public sealed record BusinessNoticeRecord(string NoticeType, string PushStatus, string Change) : AuditRecord("business-notice")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("noticeType", NoticeType), ("pushStatus", PushStatus), ("change", Change)];

    public override string Describe() => $"{NoticeType} notice (push_status {PushStatus}): {DescribeChange(Change)}";

    private static string DescribeChange(string change) => change switch
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
}

/// <summary>A refund was asked for (<paramref name="Operator"/> empty when the merchant's server asked).</summary>
public sealed record RefundRequestedRecord(string RefundId, string Amount, string Reason, string Operator) : AuditRecord("refund-requested")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("refundId", RefundId), ("amount", Amount), ("reason", Reason), .. By(Operator)];

    public override string Describe() => $"Refund {RefundId} of {Amount} asked for{(Operator.Length > 0 ? " by " + Operator : string.Empty)}: {Reason}";
}

/// <summary>An earlier attempt took money after the payment had moved on, and the payment held a charge of its
/// own: the app refunds the late charge by itself.</summary>
public sealed record LateChargeRefundRecord(string Attempt, string RefundId, string GatewayPaymentId) : AuditRecord("late-charge-refund")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("attempt", Attempt), ("refundId", RefundId), ("gatewayPaymentId", GatewayPaymentId)];

    public override string Describe() => $"Attempt {Attempt} took money after the payment had moved on (Oceanpayment's id {GatewayPaymentId}): refund {RefundId} gives it back automatically.";
}

/// <summary>The gateway accepted a refund request and named it.</summary>
public sealed record RefundAcceptedRecord(string RefundId, string GatewayRefundId) : AuditRecord("refund-accepted")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("refundId", RefundId), ("gatewayRefundId", GatewayRefundId)];

    public override string Describe() => $"Oceanpayment accepted refund {RefundId} (its id {GatewayRefundId}).";
}

/// <summary>A refund settled (<paramref name="Status"/>: <c>succeeded</c> or <c>failed</c>, as the API names it).</summary>
public sealed record RefundSettledRecord(string Status, string RefundId, string Source, string Code, string Details) : AuditRecord("refund-" + Status)
{
    public override IEnumerable<(string Key, string Value)> Values() => [("refundId", RefundId), ("source", Source), ("code", Code), ("details", Details)];

    public override string Describe() => Status == "succeeded"
        ? $"Refund {RefundId} succeeded ({Source})."
        : $"Refund {RefundId} failed ({Source}: {Code} {Details}).";
}

/// <summary>A verified refund notice, and the refund it named, if any.</summary>
public sealed record RefundNoticeRecord(string RefundId, string PushStatus, bool Matched) : AuditRecord("refund-notice")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("refundId", RefundId), ("pushStatus", PushStatus), ("matched", Matched ? "yes" : "no")];

    public override string Describe() => Matched
        ? $"A refund notice (push_status {PushStatus}) named refund {RefundId}; checking it now."
        : $"A refund notice (push_status {PushStatus}) named no refund of this payment.";
}

/// <summary>An acquirer reference for a refund (both empty when the notice named no refund of the payment).</summary>
public sealed record RefundArnRecord(string RefundId, string Arn) : AuditRecord("refund-arn")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("refundId", RefundId), ("arn", Arn)];

    public override string Describe() => $"Acquirer reference {Arn} for refund {RefundId}.";
}

/// <summary>A refund with no final result by its horizon (or whose checks kept failing): a person looks.</summary>
public sealed record RefundReviewRecord(string RefundId, bool AnswerLost) : AuditRecord("refund-review")
{
    public override IEnumerable<(string Key, string Value)> Values() => [("refundId", RefundId), ("answerLost", AnswerLost ? "true" : "false")];

    public override string Describe() => $"Refund {RefundId} has no final result by its horizon: an operator must look.";
}

/// <summary>A capture (with its amount) or a cancel (<paramref name="Action"/>: <c>capture</c> or <c>cancel</c>) was sent.</summary>
public sealed record AuthRequestedRecord(string Action, string Amount) : AuditRecord(Of(Action, "requested"))
{
    public override IEnumerable<(string Key, string Value)> Values() => [("amount", Amount)];

    public override string Describe() => Action == "capture" ? $"Capture of {Amount} sent to Oceanpayment." : "Cancel (void) sent to Oceanpayment.";
}

/// <summary>The gateway's answer to a capture or a cancel.</summary>
public sealed record AuthAnswerRecord(string Action, string Status, string Details) : AuditRecord(Of(Action, "answer"))
{
    public override IEnumerable<(string Key, string Value)> Values() => [("status", Status), ("details", Details)];

    public override string Describe() => $"Oceanpayment answered the {Action}: payment_status {Status}, details {Details}.";
}

/// <summary>The gateway refused a capture or a cancel (verified): the authorisation stands.</summary>
public sealed record AuthRefusedRecord(string Action, string Details) : AuditRecord(Of(Action, "refused"))
{
    public override IEnumerable<(string Key, string Value)> Values() => [("details", Details)];

    public override string Describe() => $"Oceanpayment refused the {Action} ({Details}); the authorisation stands.";
}

/// <summary>One webhook delivery attempt (see <see cref="WebhookRecords"/>).</summary>
public sealed record WebhookAttemptRecord(string EventId, string EventType, string Endpoint, string Attempt, string Status, string Outcome) : AuditRecord(WebhookRecords.Type)
{
    public override IEnumerable<(string Key, string Value)> Values()
        => [("eventId", EventId), ("eventType", EventType), ("endpoint", Endpoint), ("attempt", Attempt), ("status", Status), ("outcome", Outcome)];

    public override string Describe()
    {
        var answer = Status switch
        {
            "timeout" => "no answer in time",
            "unreachable" => "could not connect",
            "no-secret" => "not sent, the signing secret could not be read",
            var status => "HTTP " + status,
        };
        var next = Outcome switch
        {
            "delivered" => "delivered.",
            "retrying" => "it will be tried again later.",
            "dead-lettered" => "that was the last attempt; it is in the dead-letter queue for an operator.",
            var other => other + ".",
        };
        return $"Webhook {EventType} ({EventId}) to {Endpoint}, attempt {Attempt}: {answer}; {next}";
    }
}
