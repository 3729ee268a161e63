using Payments.Core.Oceanpayment.Results;

namespace Payments.Core.Payments;

/// <summary>
/// A verified result from any path (payment answer, browser return, notice, status query), reduced
/// to what the state machine needs. Built only after the signature (or, for queries, TLS to the
/// configured host) vouched for it.
/// </summary>
public sealed record GatewayFacts
{
    public required ResultSource Source { get; init; }

    public required GatewayOutcome Outcome { get; init; }

    public required string Account { get; init; }

    public required string Terminal { get; init; }

    public required string OrderNumber { get; init; }

    public required string Currency { get; init; }

    /// <summary><c>order_amount</c> as the gateway wrote it.</summary>
    public required string Amount { get; init; }

    public string GatewayPaymentId { get; init; } = string.Empty;

    public string MaskedCard { get; init; } = string.Empty;

    public PaymentDetails Details { get; init; }

    public string PayUrl { get; init; } = string.Empty;

    public string PayBarCode { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> SdkParameters { get; init; } = new Dictionary<string, string>();

    public static GatewayFacts From(PaymentResult result) => new()
    {
        Source = result.Source,
        Outcome = OutcomeClassifier.Classify(result),
        Account = result.Account,
        Terminal = result.Terminal,
        OrderNumber = result.OrderNumber,
        Currency = result.Currency,
        Amount = result.Amount,
        GatewayPaymentId = result.PaymentId,
        MaskedCard = result.MaskedCardNumber,
        Details = result.Details,
        PayUrl = result.PayUrl,
        PayBarCode = result.PayBarCode,
        SdkParameters = result.Extras,
    };

    /// <summary>A query block names no account or terminal: they are those the query was sent with.</summary>
    public static GatewayFacts From(QueryPaymentInfo info, string account, string terminal) => new()
    {
        Source = ResultSource.Query,
        Outcome = OutcomeClassifier.Classify(info),
        Account = account,
        Terminal = terminal,
        OrderNumber = info.OrderNumber,
        Currency = info.Currency,
        Amount = info.Amount,
        GatewayPaymentId = info.PaymentId,
        Details = info.Details,
    };
}
