using System.Text.Json.Serialization;

namespace Payments.Core.Payments;

/// <summary>
/// One dispute (chargeback) of a payment, moved only by <see cref="PaymentStateMachine.DecideDispute"/>.
/// A payment may have several, one after the other. Stored as JSON in the payment's row, so every field
/// is bounded: the reason by the notice's field shapes, the notice ids by <see cref="MaxNoticeIds"/>.
/// </summary>
public sealed record DisputeData
{
    /// <summary>The most notice ids one dispute keeps (the latest ones).</summary>
    public const int MaxNoticeIds = 20;

    public required DisputeStatus Status { get; init; }

    /// <summary>True when a re-presentment's result decided it: nothing changes it again.</summary>
    public bool Final { get; init; }

    /// <summary>What the dispute takes, in the payment's minor units. A chargeback notice names no amount,
    /// so this is what the payment captured.</summary>
    public long AmountMinor { get; init; }

    /// <summary>The <c>push_details</c> of the notice that opened it.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>The gateway's time of the earliest notice of this dispute (a late notice dated earlier moves it back).</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The gateway's time of the notice that decided it (<see cref="DisputeStatus.Won"/> or
    /// <see cref="DisputeStatus.Lost"/>); null while open or under review.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The <c>push_id</c> of each notice of this dispute, in arrival order (the latest
    /// <see cref="MaxNoticeIds"/>).</summary>
    public IReadOnlyList<string> NoticeIds { get; init; } = [];

    /// <summary>The status last told to the merchant (a dispute event); null until the first. Set only by
    /// <see cref="Events.PaymentChanges"/>.</summary>
    public DisputeStatus? AnnouncedStatus { get; init; }

    [JsonIgnore]
    public bool IsClosed => Status is DisputeStatus.Won or DisputeStatus.Lost;
}
