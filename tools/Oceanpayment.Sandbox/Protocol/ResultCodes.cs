namespace Oceanpayment.Sandbox.Protocol;

/// <summary><c>payment_details</c> values the sandbox answers with (<c>code:text</c>). Table in the README.</summary>
internal static class ResultCodes
{
    public const string Approved = "80000:Transaction Approved";
    public const string NotSufficientFunds = "80022:Not Sufficient Funds";
    public const string ThreeDSecureFailed = "80091:Cardholder failed 3D Secure authentication";
    public const string NotFinished = "80700:Transaction was not finished";
    public const string CustomerCancelled = "80101:Customer cancelled the payment";
    public const string Authorised = "80000:Authorisation approved, awaiting capture";
    public const string Voided = "80050:Authorisation voided";

    public const string InvalidAccount = "20001:Invalid account";
    public const string InvalidTerminal = "20002:Invalid terminal";
    public const string InvalidMethods = "20003:Invalid methods";
    public const string InvalidOrderNumber = "20004:Invalid order_number";
    public const string InvalidCurrency = "20005:Invalid order_currency";
    public const string InvalidAmount = "20006:Invalid order_amount";
    public const string InvalidFirstName = "20007:Invalid billing_firstName";
    public const string InvalidLastName = "20008:Invalid billing_lastName";
    public const string InvalidEmail = "20009:Invalid billing_email";
    public const string InvalidCountry = "20010:Invalid billing_country";
    public const string InvalidState = "20011:Invalid billing_state";
    public const string InvalidUrl = "20012:Invalid backUrl or noticeUrl";
    public const string IncorrectSign = "20013:Incorrect sign value";
    public const string InvalidCardNumber = "20014:Invalid card_number";
    public const string InvalidCardExpiry = "20015:Invalid card_month or card_year";
    public const string InvalidCardSecureCode = "20016:Invalid card_secureCode";
    public const string InvalidWalletToken = "20017:Invalid pay_accountNumber";
    public const string InvalidPhone = "20018:Invalid billing_phone";
    public const string InvalidIp = "20019:Invalid billing_ip";
    public const string InvalidOrderNotes = "20020:Invalid order_notes";
    public const string InvalidEtNotes = "20021:Invalid ET_NOTES";
    public const string InvalidOtherField = "20022:Invalid field length";
    public const string InvalidAuthType = "20023:Invalid payment_authType";
    public const string UnknownPayment = "20024:Unknown payment_id";
    public const string NotAwaitingCapture = "20025:Payment is not awaiting capture";
    public const string CaptureTooHigh = "20026:Capture amount exceeds the authorised amount";
    public const string DuplicateOrder = "20061:Duplicate order number";

    public const string QueryOrderNotFound = "20062:Order number does not exist";
    public const string QueryRefundNotFound = "20063:Refund id does not exist";
}
