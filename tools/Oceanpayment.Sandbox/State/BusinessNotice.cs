using System.Globalization;

namespace Oceanpayment.Sandbox.State;

/// <summary>A business notice (§7): refunds, chargebacks and other disputes, signed with F4.</summary>
internal sealed record BusinessNotice
{
    public required string NoticeType { get; init; }
    public required string Account { get; init; }
    public required string Terminal { get; init; }
    public required string OrderNumber { get; init; }
    public required string PaymentId { get; init; }
    public required string PushId { get; init; }
    public required string PushStatus { get; init; }
    public required string PushDetails { get; init; }
    public required string NoticeUrl { get; init; }
    public required DateTimeOffset Time { get; init; }

    /// <summary>Unsigned elements written after the standard ones (refund_id, refund_amount, arn).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>The standard fields in the order the sandbox writes them, without signValue.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields() =>
    [
        new("notice_type", NoticeType),
        new("push_dateTime", Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        new("account", Account),
        new("terminal", Terminal),
        new("order_number", OrderNumber),
        new("payment_id", PaymentId),
        new("push_id", PushId),
        new("push_status", PushStatus),
        new("push_details", PushDetails),
    ];
}
