using System.Globalization;
using Payments.Core.Oceanpayment.Messages;

namespace Payments.Core.Oceanpayment.Results;

/// <summary>An F4-signed business notice: refund, chargeback, dispute and the like.</summary>
public sealed class BusinessNotice
{
    private BusinessNotice(GatewayMessage message)
    {
        Message = message;
        NoticeType = message["notice_type"];
        Account = message["account"];
        Terminal = message["terminal"];
        OrderNumber = message["order_number"];
        PaymentId = message["payment_id"];
        PushId = message["push_id"];
        PushStatus = message["push_status"] switch
        {
            "0" => BusinessNoticeStatus.Failed,
            "1" => BusinessNoticeStatus.Succeeded,
            "2" => BusinessNoticeStatus.InDispute,
            _ => BusinessNoticeStatus.Unrecognised,
        };
        PushDetails = message["push_details"];
        PushedAt = DateTime.TryParseExact(message["push_dateTime"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;
    }

    public GatewayMessage Message { get; }

    public string NoticeType { get; }

    public string Account { get; }

    public string Terminal { get; }

    public string OrderNumber { get; }

    public string PaymentId { get; }

    public string PushId { get; }

    public BusinessNoticeStatus PushStatus { get; }

    public string PushDetails { get; }

    /// <summary>The gateway's time of the notice (<c>push_dateTime</c>, read as UTC); null when absent or
    /// not <c>yyyy-MM-dd HH:mm:ss</c>. Not signed, but a notice's signature is its identity: a copy with
    /// another date is still a duplicate.</summary>
    public DateTimeOffset? PushedAt { get; }

    public static BusinessNotice From(GatewayMessage message) => new(message);
}
