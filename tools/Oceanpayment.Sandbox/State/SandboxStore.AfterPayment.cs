using System.Globalization;
using Oceanpayment.Sandbox.Protocol;

namespace Oceanpayment.Sandbox.State;

/// <summary>Capture, void, refunds and business-notice ids, under the same lock as the payments.</summary>
internal sealed partial class SandboxStore
{
    /// <summary>
    /// Captures (<paramref name="amount"/> null: the full authorised amount) or voids an authorised
    /// pre-authorisation of this account and terminal. Returns the refusal code, or null when applied.
    /// </summary>
    public string? TryDecideAuthorisation(string account, string terminal, string paymentId, bool capture, string? amount, out PaymentResult? result)
    {
        lock (_lock)
        {
            var transaction = _transactions.FirstOrDefault(t => t.PaymentId == paymentId && t.Account == account && t.Terminal == terminal);
            result = transaction?.ToResult(time.GetUtcNow());
            if (transaction is null)
            {
                return ResultCodes.UnknownPayment;
            }

            if (!transaction.Authorised)
            {
                return ResultCodes.NotAwaitingCapture;
            }

            if (capture && amount is not null && Amounts.ToCents(amount) > Amounts.ToCents(transaction.OrderAmount))
            {
                return ResultCodes.CaptureTooHigh;
            }

            transaction.Authorised = false;
            transaction.Status = capture ? "1" : "0";
            transaction.Details = capture ? ResultCodes.Approved : ResultCodes.Voided;
            transaction.CapturedAmount = capture ? amount ?? transaction.OrderAmount : "";
            transaction.UpdatedAt = time.GetUtcNow();
            result = transaction.ToResult(transaction.UpdatedAt);
            return null;
        }
    }

    /// <summary>
    /// Accepts a refund when the payment (same account and terminal) succeeded and the amount fits in what
    /// remains refundable (captured amount minus refunds not failed). Returns a <c>refund_results</c> code.
    /// </summary>
    public string TryApplyRefund(string account, string terminal, string paymentId, string refundType, long amountCents, string description, out SandboxRefund? refund)
    {
        lock (_lock)
        {
            refund = null;
            var transaction = _transactions.FirstOrDefault(t => t.PaymentId == paymentId && t.Account == account && t.Terminal == terminal);
            if (transaction is null)
            {
                return RefundResults.UnknownPayment;
            }

            if (transaction.Status != "1")
            {
                return RefundResults.PaymentNotSucceeded;
            }

            var remaining = Amounts.ToCents(transaction.RefundableBase)
                - _refunds.Where(r => r.PaymentId == paymentId && r.Status != "0").Sum(r => r.AmountCents);
            if (refundType == "1" && amountCents != remaining)
            {
                return RefundResults.FullRefundMismatch;
            }

            if (amountCents > remaining)
            {
                return RefundResults.AmountTooHigh;
            }

            var now = time.GetUtcNow();
            var scenario = _scenarios.GetValueOrDefault(transaction.OrderNumber);
            refund = new SandboxRefund
            {
                RefundId = now.UtcDateTime.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture)
                    + (++_refundSequence % 1_000_000).ToString("D6", CultureInfo.InvariantCulture),
                PaymentId = paymentId,
                Account = account,
                Terminal = terminal,
                OrderNumber = transaction.OrderNumber,
                Currency = transaction.OrderCurrency,
                AmountCents = amountCents,
                Amount = Amounts.Format(amountCents),
                RefundType = refundType,
                Description = description,
                NoticeUrl = transaction.NoticeUrl,
                Scenario = scenario,
                CreatedAt = now,
                Details = scenario == SandboxScenario.RefundReview ? RefundDetails.InReview : RefundDetails.Pending,
                UpdatedAt = now,
            };
            _refunds.Add(refund);
            return RefundResults.Accepted;
        }
    }

    /// <summary>
    /// Settles a pending refund. <paramref name="recordNotices"/> runs under the lock, so the notice is
    /// recorded before anyone can see the refund settled. False when unknown or already settled.
    /// </summary>
    public bool TrySettleRefund(string refundId, bool success, Action<SandboxRefund> recordNotices)
    {
        lock (_lock)
        {
            var refund = _refunds.FirstOrDefault(r => r.RefundId == refundId);
            if (refund is null || refund.Status != "-1")
            {
                return false;
            }

            refund.Status = success ? "1" : "0";
            refund.Details = success ? RefundDetails.Succeeded : RefundDetails.Failed;
            refund.UpdatedAt = time.GetUtcNow();
            recordNotices(refund);
            return true;
        }
    }

    public RefundView? FindRefund(string refundId)
    {
        lock (_lock)
        {
            return _refunds.FirstOrDefault(r => r.RefundId == refundId)?.ToView();
        }
    }

    public RefundView? LatestRefund(string paymentId)
    {
        lock (_lock)
        {
            return _refunds.LastOrDefault(r => r.PaymentId == paymentId)?.ToView();
        }
    }

    public IReadOnlyList<RefundView> Refunds(string? paymentId)
    {
        lock (_lock)
        {
            return _refunds.Where(r => paymentId is null || r.PaymentId == paymentId).Select(r => r.ToView()).ToList();
        }
    }

    // 21 digits like payment ids: yyMMddHHmmss + milliseconds + a 6-digit sequence.
    public string NewPushId()
    {
        lock (_lock)
        {
            return time.GetUtcNow().UtcDateTime.ToString("yyMMddHHmmssfff", CultureInfo.InvariantCulture)
                + (++_pushSequence % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        }
    }
}
