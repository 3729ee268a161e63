using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Infrastructure.Tests.Support;

/// <summary>Payments with every field set to a value different from its default.</summary>
internal static class TestPayments
{
    public static readonly DateTimeOffset Created = new(2025, 11, 26, 10, 15, 30, 123, TimeSpan.Zero);

    public static string NewOrderNumber() => "ORD-" + Guid.NewGuid().ToString("N")[..16];

    public static PaymentData Full(string orderNumber) => new()
    {
        PaymentId = "pay_" + orderNumber,
        OrderNumber = orderNumber,
        Account = "995149",
        Terminal = "99514903",
        Method = PaymentMethod.WeChatPayMiniProgram,
        Amount = new Money(123456, Currency.Parse("JPY")),
        Status = PaymentStatus.RequiresAction,
        Billing = new BillingDetails
        {
            FirstName = "Zoë",
            LastName = "O'Neil",
            Email = "zoe@example.com",
            Phone = "+44 20 7946 0000",
            Country = "GB",
            State = "London",
            City = "London",
            Address = "1 High St, Flat 2",
            Zip = "N1 9GU",
            Ip = "203.0.113.7",
        },
        Products = [new ProductLine("Tea; green", "SKU-1", 2, "10.50"), new ProductLine("Cup", "SKU-2", 1, "3.00")],
        OrderNotes = "gift wrap",
        Metadata = new Dictionary<string, string> { ["orderRef"] = "SO-2024-0042", ["note"] = "Zoë's \"gift\" / ✓ {x}" },
        CaptureMode = CaptureMode.PreAuthorise,
        ReturnUrl = "https://shop.example.com/thanks?o=1",
        ClientSecret = "cs_secret_value",
        RequestHash = "ab12",
        GatewayPaymentId = "240101000001",
        MaskedCard = "411111***1111",
        FailureCode = "80050",
        FailureMessage = "Declined",
        NextAction = new NextAction
        {
            Type = NextAction.Sdk,
            SdkParameters = new Dictionary<string, string> { ["appId"] = "wx123", ["nonceStr"] = "n0" },
        },
        ReviewReason = "amount mismatch",
        OutcomeUnknown = true,
        CreatedAt = Created,
        UpdatedAt = Created.AddMinutes(1),
        SentAt = Created.AddSeconds(5),
        CapturedMinor = 600,
        RefundsReservedMinor = 500,
        RefundedMinor = 300,
        OpenRefunds = 1,
        Disputes =
        [
            new DisputeData { Status = DisputeStatus.Won, Final = true, AmountMinor = 600, Reason = "Chargeback, 4837", OpenedAt = Created.AddDays(3), ClosedAt = Created.AddDays(20), NoticeIds = ["231120090000111010501", "231120090000111010502"] },
            new DisputeData { Status = DisputeStatus.UnderReview, AmountMinor = 600, Reason = "Chargeback, 10.4", OpenedAt = Created.AddDays(40), NoticeIds = ["231120090000111010503"] },
        ],
        Flags = ["fraud", "highRisk"],
        MaxAttempts = 4,
        Attempt = 3,
        PastAttempts =
        [
            new AttemptData { Number = 1, GatewayPaymentId = "240101000000", MaskedCard = "400000***0002", FailureCode = "80022", FailureMessage = "Not Sufficient Funds", SentAt = Created.AddSeconds(1), EndedAt = Created.AddSeconds(3) },
            new AttemptData { Number = 2, GatewayPaymentId = "240101000009", FailureCode = "80050", FailureMessage = "Declined", Charged = true, EndedAt = Created.AddSeconds(4) },
        ],
    };

    public static PaymentData Minimal(string orderNumber) => new()
    {
        PaymentId = "pay_" + orderNumber,
        OrderNumber = orderNumber,
        Account = "995149",
        Terminal = "99514901",
        Method = PaymentMethod.Card,
        Amount = new Money(1050, Currency.Parse("USD")),
        Status = PaymentStatus.Created,
        Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@example.com", Country = "US" },
        ReturnUrl = "https://shop.example.com/r",
        ClientSecret = "cs_1",
        CreatedAt = Created,
        UpdatedAt = Created,
    };
}
