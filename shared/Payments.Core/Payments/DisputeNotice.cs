using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Payments;

/// <summary>What a verified <c>chargeBack</c> or <c>re-presentment</c> notice tells a dispute.</summary>
/// <param name="NoticeType">The notice's <c>notice_type</c>.</param>
/// <param name="Push">Its <c>push_status</c>.</param>
/// <param name="PushId">Its <c>push_id</c>, unique per notice.</param>
/// <param name="Details">Its <c>push_details</c>.</param>
/// <param name="At">The gateway's time of the notice (<c>push_dateTime</c>), or when it arrived when it has none.</param>
public sealed record DisputeNotice(string NoticeType, BusinessNoticeStatus Push, string PushId, string Details, DateTimeOffset At);
