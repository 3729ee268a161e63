namespace Payments.Core.Oceanpayment.Requests;

/// <summary>
/// What the shopper pays with on <c>direct/pay</c>. Card data passes through to the gateway and
/// nowhere else: no instrument prints its values.
/// </summary>
public abstract class PaymentInstrument
{
    private protected PaymentInstrument()
    {
    }

    internal abstract IEnumerable<KeyValuePair<string, string>> GatewayFields();
}

/// <summary>Raw card fields (PCI scope).</summary>
public sealed class CardInstrument(string number, string expiryMonth, string expiryYear, string securityCode) : PaymentInstrument
{
    internal string Number { get; } = number;

    internal string ExpiryMonth { get; } = expiryMonth;

    internal string ExpiryYear { get; } = expiryYear;

    internal string SecurityCode { get; } = securityCode;

    /// <summary>First 6 and last 4 digits, the form the gateway itself returns.</summary>
    public string Masked => CardNumbers.Mask(Number);

    internal override IEnumerable<KeyValuePair<string, string>> GatewayFields() =>
    [
        new("card_number", Number),
        new("card_month", ExpiryMonth),
        new("card_year", ExpiryYear),
        new("card_secureCode", SecurityCode),
    ];

    public override string ToString() => $"Card({Masked})";
}

/// <summary>The blob produced by Oceanpayment's card-encryption script.</summary>
public sealed class EncryptedCardInstrument(string cardData) : PaymentInstrument
{
    internal string CardData { get; } = cardData;

    internal override IEnumerable<KeyValuePair<string, string>> GatewayFields() => [new("card_data", CardData)];

    public override string ToString() => "EncryptedCard";
}

/// <summary>An Apple Pay or Google Pay token (JSON), sent as <c>pay_accountNumber</c>.</summary>
public sealed class WalletTokenInstrument(string token) : PaymentInstrument
{
    internal string Token { get; } = token;

    internal override IEnumerable<KeyValuePair<string, string>> GatewayFields() => [new("pay_accountNumber", Token)];

    public override string ToString() => "WalletToken";
}
