namespace Oceanpayment.Sandbox.Protocol;

/// <summary><c>refund_results</c> codes of <c>applyRefund</c> (<c>00</c> from the protocol, the others chosen by the sandbox; README table).</summary>
internal static class RefundResults
{
    public const string Accepted = "00";
    public const string InvalidTerminal = "01";
    public const string IncorrectSign = "02";
    public const string InvalidField = "03";
    public const string UnknownPayment = "04";
    public const string PaymentNotSucceeded = "05";
    public const string AmountTooHigh = "06";
    public const string FullRefundMismatch = "07";

    public static string DetailsOf(string code) => code switch
    {
        Accepted => "Refund accepted",
        InvalidTerminal => "Invalid account or terminal",
        IncorrectSign => "Incorrect sign value",
        InvalidField => "Invalid refund_type, refund_amount or refund_description",
        UnknownPayment => "Unknown payment_id",
        PaymentNotSucceeded => "Payment has not succeeded",
        AmountTooHigh => "Refund amount exceeds the refundable amount",
        FullRefundMismatch => "Full refund amount differs from the refundable amount",
        _ => "Refund refused",
    };
}
