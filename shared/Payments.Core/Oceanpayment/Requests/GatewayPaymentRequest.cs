using Payments.Core.Amounts;

namespace Payments.Core.Oceanpayment.Requests;

/// <summary>Everything a <c>direct/pay</c> or <c>directservice/pay</c> request carries.</summary>
public sealed record GatewayPaymentRequest
{
    public required string Account { get; init; }

    public required MethodRoute Route { get; init; }

    public required string OrderNumber { get; init; }

    public required Money Amount { get; init; }

    public required string BackUrl { get; init; }

    public required string NoticeUrl { get; init; }

    public string OrderNotes { get; init; } = string.Empty;

    public required BillingDetails Billing { get; init; }

    public IReadOnlyList<ProductLine> Products { get; init; } = [];

    /// <summary>Card, encrypted card or wallet token; none for local methods.</summary>
    public PaymentInstrument? Instrument { get; init; }

    public CaptureMode CaptureMode { get; init; } = CaptureMode.Sale;

    public Currency Currency => Amount.Currency;
}
