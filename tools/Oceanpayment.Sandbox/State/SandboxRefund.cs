namespace Oceanpayment.Sandbox.State;

/// <summary>One accepted refund. Mutated only by <see cref="SandboxStore"/> under its lock.</summary>
internal sealed class SandboxRefund
{
    public required string RefundId { get; init; }
    public required string PaymentId { get; init; }
    public required string Account { get; init; }
    public required string Terminal { get; init; }
    public required string OrderNumber { get; init; }
    public required string Currency { get; init; }
    public required long AmountCents { get; init; }
    public required string Amount { get; init; }

    /// <summary><c>1</c> full, <c>2</c> partial: decides the notice type (<c>refund</c> / <c>partialRefund</c>).</summary>
    public required string RefundType { get; init; }
    public required string Description { get; init; }
    public required string NoticeUrl { get; init; }
    public required SandboxScenario Scenario { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>-1</c> pending or in review, <c>1</c> succeeded, <c>0</c> failed.</summary>
    public string Status { get; set; } = "-1";
    public string Details { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public RefundView ToView() => new(
        RefundId, PaymentId, OrderNumber, Account, Terminal, Amount, Currency, RefundType, Description, Status, Details,
        SandboxScenarioNames.NameOf(Scenario), CreatedAt, UpdatedAt);
}

/// <summary>An immutable copy of a refund (also the JSON shape of <c>GET /sandbox/refunds</c>).</summary>
internal sealed record RefundView(
    string RefundId,
    string PaymentId,
    string OrderNumber,
    string Account,
    string Terminal,
    string RefundAmount,
    string RefundCurrency,
    string RefundType,
    string RefundDescription,
    string RefundStatus,
    string RefundDetails,
    string Scenario,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
