using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Payments;

/// <summary>
/// The payment's disputes, as entities of the aggregate, and its risk flags. A dispute is opened, moved
/// or noted only through these methods, each as <see cref="PaymentStateMachine.DecideDispute"/> decided;
/// the payment's own status never changes here. Disputes and flags are kept in the payment's data (its row).
/// </summary>
public sealed partial class Payment
{
    /// <summary>
    /// A verified business notice other than a refund's: a dispute's notice goes to the dispute
    /// <see cref="PaymentStateMachine.DecideDispute"/> names, any other to the flags a person should see.
    /// Returns what changed, or null when nothing did.
    /// </summary>
    public string? ApplyBusinessNotice(DisputeNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var decision = PaymentStateMachine.DecideDispute(Data.Disputes, notice);
        return decision.Kind switch
        {
            DisputeDecisionKind.Opened => OpenDispute(decision, notice, now),
            DisputeDecisionKind.Changed => MoveDispute(decision, notice, now),
            DisputeDecisionKind.Noted => NoteDispute(decision, notice, now),
            DisputeDecisionKind.Duplicate or DisputeDecisionKind.TooMany => null,
            _ => ApplyFlag(notice.NoticeType, now),
        };
    }

    /// <summary>Adds a new dispute in the status decided (a first notice may already close it).</summary>
    private string OpenDispute(DisputeDecision decision, DisputeNotice notice, DateTimeOffset now)
    {
        var opened = new DisputeData
        {
            Status = decision.Status,
            Final = decision.Final,
            AmountMinor = Captured.MinorUnits,
            Reason = notice.Details,
            OpenedAt = notice.At,
            ClosedAt = IsClosed(decision.Status) ? notice.At : null,
            NoticeIds = WithNoticeId([], notice.PushId),
        };
        Data = Data with { Disputes = [.. Data.Disputes, opened], UpdatedAt = now };
        return decision.Status == DisputeStatus.Open ? "dispute-opened" : "dispute-opened-" + ChangeName(decision.Status);
    }

    /// <summary>Moves a dispute to the status decided; a move to won or lost closes it at the notice's time.</summary>
    private string MoveDispute(DisputeDecision decision, DisputeNotice notice, DateTimeOffset now)
    {
        ReplaceDispute(decision, notice, closes: IsClosed(decision.Status), now);
        return "dispute-" + ChangeName(decision.Status);
    }

    /// <summary>Keeps a notice that does not move its dispute: its id, and an earlier opening time it tells.</summary>
    private string NoteDispute(DisputeDecision decision, DisputeNotice notice, DateTimeOffset now)
    {
        ReplaceDispute(decision, notice, closes: false, now);
        return "dispute-noted";
    }

    private void ReplaceDispute(DisputeDecision decision, DisputeNotice notice, bool closes, DateTimeOffset now)
    {
        var dispute = Data.Disputes[decision.Index];
        var changed = dispute with
        {
            Status = decision.Status,
            Final = decision.Final,
            OpenedAt = notice.At < dispute.OpenedAt ? notice.At : dispute.OpenedAt,
            ClosedAt = closes ? notice.At : dispute.ClosedAt,
            NoticeIds = WithNoticeId(dispute.NoticeIds, notice.PushId),
        };
        Data = Data with { Disputes = [.. Data.Disputes.Select((d, i) => i == decision.Index ? changed : d)], UpdatedAt = now };
    }

    /// <summary>
    /// A fraud, high-risk or retrieval notice raises its flag once; a reversed retrieval clears the
    /// retrieval flag. Any other notice, or one that changes no flag, returns null.
    /// </summary>
    private string? ApplyFlag(string noticeType, DateTimeOffset now)
    {
        var flags = noticeType switch
        {
            NoticeKind.Fraud or NoticeKind.HighRisk or NoticeKind.Retrieval when !Data.Flags.Contains(noticeType) => [.. Data.Flags, noticeType],
            NoticeKind.ReversalRetrieval when Data.Flags.Contains(NoticeKind.Retrieval) => Data.Flags.Where(f => f != NoticeKind.Retrieval).ToList(),
            _ => (IReadOnlyList<string>?)null,
        };
        if (flags is null)
        {
            return null;
        }

        Data = Data with { Flags = flags, UpdatedAt = now };
        return "flags-" + noticeType;
    }

    private static bool IsClosed(DisputeStatus status) => status is DisputeStatus.Won or DisputeStatus.Lost;

    private static string ChangeName(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "open",
        DisputeStatus.UnderReview => "under-review",
        DisputeStatus.Won => "won",
        _ => "lost",
    };

    // The latest ids only: the row holds every dispute, and a stored row has a size limit.
    private static IReadOnlyList<string> WithNoticeId(IReadOnlyList<string> ids, string pushId)
        => pushId.Length == 0 ? ids : [.. ids.Append(pushId).TakeLast(DisputeData.MaxNoticeIds)];
}
