namespace Oceanpayment.Sandbox.State;

/// <summary>One notice message and its delivery attempts. Mutated only by <see cref="SandboxStore"/>.</summary>
internal sealed class NoticeRecord(
    int id, string paymentId, string orderNumber, string target, string label, string noticeType, string paymentStatus, string pushId, string pushStatus, byte[] body)
{
    public int Id { get; } = id;
    public string PaymentId { get; } = paymentId;
    public string OrderNumber { get; } = orderNumber;
    public string Target { get; } = target;
    public string Label { get; } = label;
    public string NoticeType { get; } = noticeType;
    public string PaymentStatus { get; } = paymentStatus;
    public string PushId { get; } = pushId;
    public string PushStatus { get; } = pushStatus;
    public byte[] Body { get; } = body;
    public List<NoticeAttempt> Attempts { get; } = [];
    public bool Delivered { get; set; }
    public bool Finished { get; set; }
}

/// <summary>One HTTP attempt to deliver a notice.</summary>
internal sealed record NoticeAttempt(int Number, DateTimeOffset At, string Target, int? HttpStatus, string? Error, string ResponseBody, bool Delivered);

/// <summary>JSON shape of <c>GET /sandbox/notices</c>.</summary>
internal sealed record NoticeView(
    int Id,
    string PaymentId,
    string OrderNumber,
    string Target,
    string Label,
    string NoticeType,
    string PaymentStatus,
    string PushId,
    string PushStatus,
    bool Delivered,
    bool Finished,
    IReadOnlyList<NoticeAttempt> Attempts);
