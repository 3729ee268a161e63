using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Payments;

/// <summary>
/// The payment's refunds, as entities of the aggregate: each is created, named, checked, settled or
/// flagged only through these methods, which keep the payment's refund totals in step and date the
/// payment with every change of one of its refunds. The writer stores a new refund as an added row (a
/// repeat of its id is a duplicate) and a changed one as a replaced row, in the payment's batch.
/// </summary>
public sealed partial class Payment
{
    private readonly List<RefundData> _refunds = [];
    private readonly List<RefundData> _newRefunds = [];
    private readonly List<RefundData> _changedRefunds = [];

    /// <summary>The payment with its refunds as read (newest first).</summary>
    public Payment(PaymentData data, IEnumerable<RefundData> refunds)
        : this(data)
    {
        ArgumentNullException.ThrowIfNull(refunds);
        _refunds.AddRange(refunds);
    }

    /// <summary>The refunds as read and as changed here, newest first.</summary>
    public IReadOnlyList<RefundData> Refunds => _refunds;

    /// <summary>Refunds created by this change (stored as added rows).</summary>
    public IReadOnlyList<RefundData> NewRefunds => _newRefunds;

    /// <summary>Refunds that existed and were changed (stored as replaced rows).</summary>
    public IReadOnlyList<RefundData> ChangedRefunds => _changedRefunds;

    /// <summary>What the payment took: the whole amount unless a partial capture took less.</summary>
    public Money Captured => new(Data.CapturedMinor ?? Data.Amount.MinorUnits, Data.Amount.Currency);

    /// <summary>What may still be refunded: the captured amount less pending and succeeded refunds.</summary>
    public long RefundableMinor => Data.Status == PaymentStatus.Succeeded ? Captured.MinorUnits - Data.RefundsReservedMinor : 0;

    public RefundData? FindRefund(string refundId) => _refunds.FirstOrDefault(r => r.RefundId == refundId);

    /// <summary>Whether a refund of <paramref name="amountMinor"/> (null: all that is refundable) may be reserved; changes nothing.</summary>
    public RefundReservation CanRefund(long? amountMinor, out long amount)
    {
        amount = amountMinor ?? RefundableMinor;
        if (Data.Status != PaymentStatus.Succeeded)
        {
            return RefundReservation.NotRefundable;
        }

        return amount <= 0 || amount > RefundableMinor ? RefundReservation.ExceedsRefundable : RefundReservation.Reserved;
    }

    /// <summary>
    /// Reserves <paramref name="amount"/> on a succeeded payment and creates its refund, pending, with its
    /// first check booked for <paramref name="firstCheckAt"/>. The reservation is written with the payment's
    /// version, so concurrent refunds can never together exceed the captured amount. Until the gateway
    /// answers, the refund may or may not exist there (<see cref="RefundData.AnswerLost"/>).
    /// </summary>
    public RefundData RequestRefund(string refundId, Money amount, string reason, string requestHash, DateTimeOffset now, DateTimeOffset firstCheckAt)
    {
        if (CanRefund(amount.MinorUnits, out _) != RefundReservation.Reserved)
        {
            throw new InvalidOperationException("The refund cannot be reserved on this payment.");
        }

        var refund = new RefundData
        {
            RefundId = refundId,
            Amount = amount,
            Reason = reason,
            Status = RefundStatus.Pending,
            AnswerLost = true,
            CreatedAt = now,
            UpdatedAt = now,
            NextCheckAt = firstCheckAt,
            RequestHash = requestHash,
        };
        Data = Data with { RefundsReservedMinor = Data.RefundsReservedMinor + amount.MinorUnits, OpenRefunds = Data.OpenRefunds + 1, UpdatedAt = now };
        _refunds.Insert(0, refund);
        _newRefunds.Add(refund);
        return refund;
    }

    /// <summary>The gateway accepted the request and named the refund; a refund already settled keeps its state.</summary>
    public void AcceptRefund(string refundId, string gatewayRefundId, string code, string details, DateTimeOffset now)
    {
        var refund = Require(refundId);
        Put(refund.Status == RefundStatus.Pending
            ? refund with { GatewayRefundId = gatewayRefundId, AnswerLost = false, GatewayCode = code, GatewayDetails = details, UpdatedAt = now }
            : refund, now);
    }

    /// <summary>A refund query that describes the refund named its gateway id: it is trusted from now on.</summary>
    public void NameRefund(string refundId, string gatewayRefundId)
    {
        var refund = Require(refundId);
        Put(refund with { GatewayRefundId = gatewayRefundId, AnswerLost = false }, null);
    }

    /// <summary>A notice named an id that the refund query did not confirm (unsigned, so possibly forged): forget it.</summary>
    public void ForgetNoticedRefundId(string refundId)
    {
        var refund = Require(refundId);
        if (refund.GatewayRefundId.Length == 0)
        {
            Put(refund with { NoticedGatewayRefundId = string.Empty }, null);
        }
    }

    /// <summary>
    /// The refund a verified refund notice names: by the gateway's id, or, for a refund whose answer was
    /// lost, the oldest pending one of the notice's amount with no id yet. Null when none matches.
    /// </summary>
    public RefundData? MatchRefundNotice(string gatewayRefundId, string noticeAmount)
    {
        if (!RefundShapes.IsRefundId(gatewayRefundId))
        {
            return null;
        }

        var named = _refunds.FirstOrDefault(r => r.GatewayRefundId == gatewayRefundId);
        if (named is not null)
        {
            return named;
        }

        if (!Money.TryParseDecimal(noticeAmount, Data.Amount.Currency, out var amount))
        {
            return null;
        }

        return _refunds
            .Where(r => r.Status == RefundStatus.Pending && r.GatewayRefundId.Length == 0 && r.NoticedGatewayRefundId.Length == 0 && r.Amount == amount)
            .OrderBy(r => r.CreatedAt)
            .FirstOrDefault();
    }

    /// <summary>
    /// A refund notice for a pending refund makes its check due now and keeps the id it named (unsigned,
    /// so only a refund query that agrees makes it the refund's gateway id). The refund as it now stands.
    /// </summary>
    public RefundData NoticeRefund(string refundId, string noticedGatewayRefundId, DateTimeOffset now)
    {
        var refund = Require(refundId);
        var due = refund with
        {
            NoticedGatewayRefundId = refund.GatewayRefundId.Length == 0 ? noticedGatewayRefundId : refund.NoticedGatewayRefundId,
            NextCheckAt = now,
            UpdatedAt = now,
        };
        Put(due, now);
        return due;
    }

    /// <summary>An <c>ARN</c> notice: the acquirer reference of the refund the gateway's id names, if any.</summary>
    public RefundData? AttachRefundArn(string gatewayRefundId, string arn, DateTimeOffset now)
    {
        Touch(now);
        var refund = RefundShapes.IsRefundId(gatewayRefundId) && RefundShapes.IsArn(arn)
            ? _refunds.FirstOrDefault(r => r.GatewayRefundId == gatewayRefundId)
            : null;
        if (refund is not null)
        {
            Put(refund with { Arn = arn, UpdatedAt = now }, now);
        }

        return refund;
    }

    /// <summary>A running check of the refund books its successor (attempt <paramref name="attempt"/>), with the gateway's last word if it gave one.</summary>
    public RefundData RebookRefundCheck(string refundId, int attempt, DateTimeOffset dueAt, RefundInfo? info, DateTimeOffset now)
    {
        var refund = Require(refundId);
        var next = refund with
        {
            NextCheckAt = dueAt,
            CheckAttempt = attempt,
            GatewayCode = info?.RawStatus ?? refund.GatewayCode,
            GatewayDetails = info?.Details ?? refund.GatewayDetails,
            UpdatedAt = now,
        };
        Put(next, now);
        return next;
    }

    /// <summary>No check could settle the refund by its horizon (or its checks kept failing): a person looks; its amount stays reserved.</summary>
    public void FlagRefundForReview(string refundId, DateTimeOffset now)
    {
        var refund = Require(refundId);
        Put(refund with { NeedsReview = true, NextCheckAt = null, UpdatedAt = now }, now);
    }

    /// <summary>Settles one of this payment's refunds through the transition table and moves the totals:
    /// a success counts as refunded, a failure gives its reservation back.</summary>
    public RefundTransition SettleRefund(string refundId, RefundStatus target, string code, string details, DateTimeOffset now)
    {
        var refund = Require(refundId);
        var transition = PaymentStateMachine.DecideRefund(refund.Status, target);
        if (!transition.Changed)
        {
            return transition;
        }

        // A late charge's refund gives back another charge: the payment's own totals do not move.
        var amount = refund.ChargeAttempt == 0 ? refund.Amount.MinorUnits : 0;
        Data = Data with
        {
            RefundsReservedMinor = target == RefundStatus.Failed ? Data.RefundsReservedMinor - amount : Data.RefundsReservedMinor,
            RefundedMinor = target == RefundStatus.Succeeded ? Data.RefundedMinor + amount : Data.RefundedMinor,
            OpenRefunds = Math.Max(0, Data.OpenRefunds - 1),
        };
        Put(refund with
        {
            Status = target,
            GatewayCode = code,
            GatewayDetails = details,
            AnswerLost = false,
            NeedsReview = false,
            NextCheckAt = null,
            UpdatedAt = now,
        }, now);
        return transition;
    }

    private RefundData Require(string refundId)
        => FindRefund(refundId) ?? throw new InvalidOperationException($"Refund {refundId} is not one of this payment's.");

    // Every change of a refund is written with the payment, and (when dated) dates the payment too.
    private void Put(RefundData refund, DateTimeOffset? now)
    {
        var index = _refunds.FindIndex(r => r.RefundId == refund.RefundId);
        _refunds[index] = refund;
        var fresh = _newRefunds.FindIndex(r => r.RefundId == refund.RefundId);
        if (fresh >= 0)
        {
            _newRefunds[fresh] = refund;
        }
        else
        {
            _changedRefunds.RemoveAll(r => r.RefundId == refund.RefundId);
            _changedRefunds.Add(refund);
        }

        if (now is { } at)
        {
            Touch(at);
        }
    }
}

/// <summary>Whether a refund could be reserved on a payment.</summary>
public enum RefundReservation
{
    Reserved,

    /// <summary>The payment has not succeeded (nothing was captured).</summary>
    NotRefundable,

    /// <summary>More than what remains refundable, or not more than zero.</summary>
    ExceedsRefundable,
}
