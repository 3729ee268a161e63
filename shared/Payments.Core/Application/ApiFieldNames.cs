namespace Payments.Core.Application;

/// <summary>Maps gateway field names in validation errors to the API's JSON paths.</summary>
public static class ApiFieldNames
{
    public static string For(string gatewayField) => gatewayField switch
    {
        "order_number" => "orderNumber",
        "order_amount" => "amount",
        "order_currency" => "currency",
        "order_notes" => "notes",
        "billing_firstName" => "billing.firstName",
        "billing_lastName" => "billing.lastName",
        "billing_email" => "billing.email",
        "billing_phone" => "billing.phone",
        "billing_country" => "billing.country",
        "billing_state" => "billing.state",
        "billing_city" => "billing.city",
        "billing_address" => "billing.address",
        "billing_zip" => "billing.zip",
        "billing_ip" => "billing.ip",
        "productName" => "products",
        "card_number" => "card.number",
        "card_month" => "card.expMonth",
        "card_year" => "card.expYear",
        "card_secureCode" => "card.cvc",
        "card_data" => "cardData",
        "pay_accountNumber" => "walletToken",
        "account" => "terminal configuration",
        _ => gatewayField,
    };
}
