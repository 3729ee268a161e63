using System.Collections.Frozen;
using Payments.Core.Oceanpayment.Messages;

namespace Payments.Core.Oceanpayment.Results;

/// <summary>
/// A typed view of an F3-signed payment result (synchronous answer, browser return or notice).
/// It keeps the message as received, since signatures are checked over the received values.
/// </summary>
public sealed class PaymentResult
{
    // Elements this type knows by name; any other element is kept in Extras (SDK parameters of
    // mini-program and app payments have unpublished names).
    private static readonly FrozenSet<string> KnownFields = new[]
    {
        "notice_type", "push_dateTime", "response_type", "account", "terminal", "signValue", "methods",
        "order_number", "card_country", "order_currency", "order_amount", "order_notes", "card_number",
        "card_type", "payment_country", "payment_id", "payment_status", "payment_authType", "payment_details",
        "payment_solutions", "payment_risk", "payment_amount", "payment_exchangeRate", "pay_barCode",
        "auth_reason", "auth_code", "pay_userId", "pay_url", "backUrl", "noticeUrl",
    }.ToFrozenSet(StringComparer.Ordinal);

    private PaymentResult(GatewayMessage message, ResultSource source)
    {
        Message = message;
        Source = source;
        var nullIsEmpty = source == ResultSource.BrowserReturn;
        string Read(string name)
        {
            var value = message[name];
            // Browser returns spell absent fields as the literal "null" (seen for card_type,
            // payment_amount, payment_exchangeRate, pay_userId).
            return nullIsEmpty && value == "null" ? string.Empty : value;
        }

        Account = Read("account");
        Terminal = Read("terminal");
        OrderNumber = Read("order_number");
        Currency = Read("order_currency");
        Amount = Read("order_amount");
        OrderNotes = Read("order_notes");
        MaskedCardNumber = Read("card_number");
        CardType = Read("card_type");
        PaymentId = Read("payment_id");
        Methods = Read("methods");
        NoticeType = Read("notice_type");
        PayUrl = Read("pay_url");
        PayBarCode = Read("pay_barCode");
        Risk = Read("payment_risk");
        Details = PaymentDetails.Parse(Read("payment_details"));
        Status = ParseStatus(Read("payment_status"));
        AuthType = Read("payment_authType") switch
        {
            "0" => AuthType.Sale,
            "1" => AuthType.PreAuthorisation,
            "2" => AuthType.ThreeDSecureSale,
            "3" => AuthType.ThreeDSecurePreAuthorisation,
            _ => AuthType.Unrecognised,
        };
        Extras = ExtrasOf(message);
    }

    /// <summary>The message exactly as received (for signature verification and audit).</summary>
    public GatewayMessage Message { get; }

    public ResultSource Source { get; }

    public string Account { get; }

    public string Terminal { get; }

    public string OrderNumber { get; }

    /// <summary><c>order_currency</c> as received.</summary>
    public string Currency { get; }

    /// <summary><c>order_amount</c> as received (the gateway reformats it to two decimals).</summary>
    public string Amount { get; }

    public string OrderNotes { get; }

    /// <summary><c>card_number</c>: the gateway's masked form (first 6 + last 4).</summary>
    public string MaskedCardNumber { get; }

    public string CardType { get; }

    /// <summary>The gateway's 21-digit payment id.</summary>
    public string PaymentId { get; }

    public string Methods { get; }

    public string NoticeType { get; }

    public GatewayPaymentStatus Status { get; }

    public AuthType AuthType { get; }

    public PaymentDetails Details { get; }

    public string Risk { get; }

    /// <summary>Where to send the shopper (3-D Secure or another step); not a final result.</summary>
    public string PayUrl { get; }

    /// <summary>Local payments: the QR or bar code content.</summary>
    public string PayBarCode { get; }

    /// <summary>Elements not in the protocol's list, such as mini-program / app SDK parameters.</summary>
    public IReadOnlyDictionary<string, string> Extras { get; }

    public static PaymentResult From(GatewayMessage message, ResultSource source) => new(message, source);

    // Usually there are none: share one empty map instead of building an index per result.
    private static IReadOnlyDictionary<string, string> ExtrasOf(GatewayMessage message)
    {
        Dictionary<string, string>? extras = null;
        foreach (var (name, value) in message.Fields)
        {
            if (!KnownFields.Contains(name))
            {
                extras ??= new Dictionary<string, string>(StringComparer.Ordinal);
                extras[name] = value;
            }
        }

        return extras is null ? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty : extras.AsReadOnly();
    }

    internal static GatewayPaymentStatus ParseStatus(string value) => value switch
    {
        "1" => GatewayPaymentStatus.Success,
        "0" => GatewayPaymentStatus.Failure,
        "-1" => GatewayPaymentStatus.Pending,
        _ => GatewayPaymentStatus.Unrecognised,
    };

    public override string ToString()
        => $"PaymentResult(order {OrderNumber}, payment {PaymentId}, status {Status}, details {Details.Code}, source {Source})";
}
