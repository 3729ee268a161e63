namespace Oceanpayment.Sandbox.State;

/// <summary>An immutable picture of a payment result as the gateway reports it (§6).</summary>
internal sealed record PaymentResult
{
    public required string Account { get; init; }
    public required string Terminal { get; init; }
    public required string Methods { get; init; }
    public required string OrderNumber { get; init; }
    public required string OrderCurrency { get; init; }
    public required string OrderAmount { get; init; }
    public string OrderNotes { get; init; } = "";
    public string CardNumber { get; init; } = "";
    public string CardType { get; init; } = "";
    public string CardCountry { get; init; } = "";
    public string PaymentId { get; init; } = "";
    public string AuthType { get; init; } = "0";
    public required string Status { get; init; }
    public required string Details { get; init; }
    public string PayBarCode { get; init; } = "";
    public string PayUrl { get; init; } = "";
    public string NoticeUrl { get; init; } = "";
    public string BackUrl { get; init; } = "";
    public required DateTimeOffset Time { get; init; }

    /// <summary>Unsigned SDK parameters of mini-program / app answers, appended after the standard elements.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>The standard fields of §6 in the order the sandbox writes them, without signValue.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields(string responseType) =>
    [
        new("notice_type", "transaction"),
        new("push_dateTime", Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
        new("response_type", responseType),
        new("account", Account),
        new("terminal", Terminal),
        new("methods", Methods),
        new("order_number", OrderNumber),
        new("card_country", CardCountry),
        new("order_currency", OrderCurrency),
        new("order_amount", OrderAmount),
        new("order_notes", OrderNotes),
        new("card_number", CardNumber),
        new("card_type", CardType),
        new("payment_country", ""),
        new("payment_id", PaymentId),
        new("payment_authType", AuthType),
        new("payment_status", Status),
        new("payment_details", Details),
        new("payment_solutions", ""),
        new("payment_risk", ""),
        new("payment_amount", ""),
        new("payment_exchangeRate", ""),
        new("pay_barCode", PayBarCode),
        new("auth_reason", ""),
        new("auth_code", ""),
        new("pay_userId", ""),
        new("pay_url", PayUrl),
    ];
}
