namespace Oceanpayment.Sandbox.State;

/// <summary>One payment attempt. Mutated only by <see cref="SandboxStore"/> under its lock.</summary>
internal sealed class SandboxTransaction
{
    public required long Sequence { get; init; }
    public required string PaymentId { get; init; }
    public required string Account { get; init; }
    public required string Terminal { get; init; }
    public required string Methods { get; init; }
    public required MethodKind Kind { get; init; }
    public required string OrderNumber { get; init; }
    public required string OrderCurrency { get; init; }
    public required string OrderAmount { get; init; }
    public required string OrderNotes { get; init; }
    public required string CardNumber { get; init; }
    public required string CardType { get; init; }
    public required string BackUrl { get; init; }
    public required string NoticeUrl { get; init; }
    public required SandboxScenario Scenario { get; init; }
    public required PaymentOutcome Outcome { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string PayBarCode { get; init; } = "";
    public string ChallengeToken { get; init; } = "";
    public string PayUrl { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>Sent with <c>ET_NOTES=pre</c>: an approval waits for a capture instead of succeeding.</summary>
    public bool PreAuth { get; init; }

    public string AuthType { get; set; } = "0";
    public string Status { get; set; } = "-1";
    public string Details { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>An approved pre-authorisation awaiting capture or void (status stays <c>-1</c>).</summary>
    public bool Authorised { get; set; }

    /// <summary>The captured amount of a pre-authorisation; empty until captured.</summary>
    public string CapturedAmount { get; set; } = "";

    /// <summary>What refunds may add up to: the captured amount, or the order amount of a sale.</summary>
    public string RefundableBase => CapturedAmount.Length > 0 ? CapturedAmount : OrderAmount;

    public PaymentResult ToResult(DateTimeOffset time) => new()
    {
        Account = Account,
        Terminal = Terminal,
        Methods = Methods,
        OrderNumber = OrderNumber,
        OrderCurrency = OrderCurrency,
        OrderAmount = OrderAmount,
        OrderNotes = OrderNotes,
        CardNumber = CardNumber,
        CardType = CardType,
        PaymentId = PaymentId,
        AuthType = AuthType,
        Status = Status,
        Details = Details,
        PayBarCode = PayBarCode,
        PayUrl = Status == "-1" && !Authorised ? PayUrl : "",
        NoticeUrl = NoticeUrl,
        BackUrl = BackUrl,
        Time = time,
    };
}
