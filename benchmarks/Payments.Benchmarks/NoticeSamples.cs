using System.Text;

namespace Payments.Benchmarks;

/// <summary>
/// A realistic card notice: the element list and layout of the seed's notices (one element per
/// line), every field of protocol §6, about 1.5 KB.
/// </summary>
internal static class NoticeSamples
{
    public const string SecureCode = "Ab12Cd34Ef56";

    // F3 string of the notice below; the benchmark setup signs it with SecureCode.
    public const string SignedString =
        "99514999514901NO20251219-000123USD128.50Shop order 20251219-000123 (2 items); gift wrap; deliver after 18:00"
        + "411111****11112512190952470180260212180000:Transaction Approved";

    public static byte[] Notice(string signValue) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <response>
        <notice_type>transaction</notice_type>
        <push_dateTime>2025-12-19 09:52:47</push_dateTime>
        <response_type>1</response_type>
        <account>995149</account>
        <terminal>99514901</terminal>
        <signValue>{signValue}</signValue>
        <methods>Credit Card</methods>
        <order_number>NO20251219-000123</order_number>
        <card_country>PL</card_country>
        <order_currency>USD</order_currency>
        <order_amount>128.50</order_amount>
        <order_notes>Shop order 20251219-000123 (2 items); gift wrap; deliver after 18:00</order_notes>
        <card_number>411111****1111</card_number>
        <card_type>Visa</card_type>
        <payment_country>PL</payment_country>
        <payment_id>251219095247018026021</payment_id>
        <payment_authType>2</payment_authType>
        <payment_status>1</payment_status>
        <payment_details>80000:Transaction Approved</payment_details>
        <payment_solutions>3-D Secure authentication completed; no further action is required</payment_solutions>
        <payment_risk></payment_risk>
        <payment_amount>128.50</payment_amount>
        <payment_exchangeRate>1.00000000</payment_exchangeRate>
        <pay_barCode></pay_barCode>
        <auth_reason>Approved by issuer after frictionless 3-D Secure 2 authentication</auth_reason>
        <auth_code>A1B2C3</auth_code>
        <pay_userId></pay_userId>
        <pay_url>https://test-secure.oceanpayment.com:443/gateway/direct/redirect?pay_id=2dfb964bb67134ba6ed72183a4eecfc5f35f4364745f75e12f50f33b6ac74ef8</pay_url>
        <payment_bankInfo></payment_bankInfo>
        </response>

        """);
}
