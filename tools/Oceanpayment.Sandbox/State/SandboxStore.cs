using System.Globalization;

namespace Oceanpayment.Sandbox.State;

/// <summary>All sandbox state, in memory. One lock keeps every read and write consistent.</summary>
internal sealed partial class SandboxStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<SandboxTransaction> _transactions = [];
    private readonly Dictionary<string, int> _requestCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxScenario> _scenarios = new(StringComparer.Ordinal);
    private readonly List<NoticeRecord> _notices = [];
    private readonly List<SandboxRefund> _refunds = [];
    private long _sequence;
    private long _refundSequence;
    private long _pushSequence;

    public void CountRequest(string orderNumber)
    {
        lock (_lock)
        {
            _requestCounts[orderNumber] = _requestCounts.GetValueOrDefault(orderNumber) + 1;
        }
    }

    public int RequestCount(string orderNumber)
    {
        lock (_lock)
        {
            return _requestCounts.GetValueOrDefault(orderNumber);
        }
    }

    public void SetScenario(string orderNumber, SandboxScenario scenario)
    {
        lock (_lock)
        {
            _scenarios[orderNumber] = scenario;
        }
    }

    public bool RemoveScenario(string orderNumber)
    {
        lock (_lock)
        {
            return _scenarios.Remove(orderNumber);
        }
    }

    public SandboxScenario ScenarioFor(string orderNumber)
    {
        lock (_lock)
        {
            return _scenarios.GetValueOrDefault(orderNumber);
        }
    }

    /// <summary>
    /// Creates the transaction unless the same terminal + method + order number already succeeded
    /// (then null: the gateway answers 20061).
    /// </summary>
    public SandboxTransaction? TryCreate(Func<long, string, SandboxTransaction> factory, string terminal, string methods, string orderNumber)
    {
        lock (_lock)
        {
            var succeeded = _transactions.Any(t =>
                (t.Status == "1" || t.Authorised) && t.Terminal == terminal && t.Methods == methods && t.OrderNumber == orderNumber);
            if (succeeded)
            {
                return null;
            }

            var sequence = ++_sequence;
            var transaction = factory(sequence, NewPaymentId(sequence));
            transaction.UpdatedAt = transaction.CreatedAt;
            _transactions.Add(transaction);
            return transaction;
        }
    }

    /// <summary>
    /// Moves a pending transaction to its final state, or to authorised (status stays <c>-1</c>) for an
    /// approved pre-authorisation; false when it is unknown, already final or already authorised.
    /// </summary>
    public bool TryFinish(string paymentId, string status, string details, bool authorised, out PaymentResult? result, out SandboxTransaction? transaction)
    {
        lock (_lock)
        {
            transaction = _transactions.FirstOrDefault(t => t.PaymentId == paymentId);
            if (transaction is null || transaction.Status != "-1" || transaction.Authorised)
            {
                result = transaction?.ToResult(time.GetUtcNow());
                return false;
            }

            transaction.Status = status;
            transaction.Details = details;
            transaction.Authorised = authorised;
            transaction.UpdatedAt = time.GetUtcNow();
            result = transaction.ToResult(transaction.UpdatedAt);
            return true;
        }
    }

    public SandboxTransaction? FindByPaymentId(string paymentId)
    {
        lock (_lock)
        {
            return _transactions.FirstOrDefault(t => t.PaymentId == paymentId);
        }
    }

    public SandboxTransaction? FindByChallengeToken(string token)
    {
        lock (_lock)
        {
            return token.Length == 0 ? null : _transactions.FirstOrDefault(t => t.ChallengeToken == token);
        }
    }

    public PaymentResult Snapshot(SandboxTransaction transaction)
    {
        lock (_lock)
        {
            return transaction.ToResult(time.GetUtcNow());
        }
    }

    /// <summary>Attempts for one order on one account, newest first.</summary>
    public IReadOnlyList<PaymentResult> ForOrder(string account, string orderNumber)
    {
        lock (_lock)
        {
            return _transactions
                .Where(t => t.Account == account && t.OrderNumber == orderNumber)
                .OrderByDescending(t => t.Sequence)
                .Select(t => t.ToResult(t.UpdatedAt) with { Time = t.CreatedAt })
                .ToList();
        }
    }

    public IReadOnlyList<TransactionView> Transactions(string? orderNumber)
    {
        lock (_lock)
        {
            return _transactions
                .Where(t => orderNumber is null || t.OrderNumber == orderNumber)
                .OrderBy(t => t.Sequence)
                .Select(t => new TransactionView(
                    t.OrderNumber, t.PaymentId, t.Methods, t.Account, t.Terminal, t.OrderAmount, t.OrderCurrency,
                    t.Status, t.Details, t.AuthType, t.CapturedAmount, t.CardNumber, SandboxScenarioNames.NameOf(t.Scenario),
                    t.PayUrl, t.PayBarCode, t.NoticeUrl, t.CreatedAt, t.UpdatedAt,
                    _requestCounts.GetValueOrDefault(t.OrderNumber)))
                .ToList();
        }
    }

    public NoticeRecord AddNotice(PaymentResult result, string label, byte[] body)
    {
        lock (_lock)
        {
            var record = new NoticeRecord(
                _notices.Count + 1, result.PaymentId, result.OrderNumber, result.NoticeUrl, label, "transaction", result.Status, "", "", body);
            _notices.Add(record);
            return record;
        }
    }

    public NoticeRecord AddNotice(BusinessNotice notice, string label, byte[] body)
    {
        lock (_lock)
        {
            var record = new NoticeRecord(
                _notices.Count + 1, notice.PaymentId, notice.OrderNumber, notice.NoticeUrl, label, notice.NoticeType, "", notice.PushId, notice.PushStatus, body);
            _notices.Add(record);
            return record;
        }
    }

    public void RecordAttempt(NoticeRecord record, NoticeAttempt attempt)
    {
        lock (_lock)
        {
            record.Attempts.Add(attempt);
            record.Delivered |= attempt.Delivered;
        }
    }

    public void MarkFinished(NoticeRecord record)
    {
        lock (_lock)
        {
            record.Finished = true;
        }
    }

    public IReadOnlyList<NoticeView> Notices(string? orderNumber)
    {
        lock (_lock)
        {
            return _notices
                .Where(n => orderNumber is null || n.OrderNumber == orderNumber)
                .Select(n => new NoticeView(n.Id, n.PaymentId, n.OrderNumber, n.Target, n.Label, n.NoticeType, n.PaymentStatus, n.PushId, n.PushStatus,
                    n.Delivered, n.Finished, n.Attempts.ToList()))
                .ToList();
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _transactions.Clear();
            _requestCounts.Clear();
            _scenarios.Clear();
            _notices.Clear();
            _refunds.Clear();
        }
    }

    // 21 digits: yyMMddHHmmss + milliseconds + a 6-digit sequence, shaped like real ids (231115103045123010521).
    private string NewPaymentId(long sequence) =>
        time.GetUtcNow().UtcDateTime.ToString("yyMMddHHmmssfff", CultureInfo.InvariantCulture)
        + (sequence % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
