namespace Oceanpayment.Sandbox.State;

/// <summary>JSON shape of <c>GET /sandbox/transactions</c> (snake_case on the wire).</summary>
internal sealed record TransactionView(
    string OrderNumber,
    string PaymentId,
    string Method,
    string Account,
    string Terminal,
    string Amount,
    string Currency,
    string Status,
    string Details,
    string AuthType,
    string CaptureAmount,
    string CardNumber,
    string Scenario,
    string PayUrl,
    string PayBarCode,
    string NoticeUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int PaymentRequests);
