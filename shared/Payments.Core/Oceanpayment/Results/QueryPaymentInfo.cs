using Payments.Core.Oceanpayment.Messages;

namespace Payments.Core.Oceanpayment.Results;

/// <summary>One <c>paymentInfo</c> block of a <c>check/normal</c> answer.</summary>
public sealed record QueryPaymentInfo(
    string OrderNumber,
    string Currency,
    string Amount,
    string PaymentId,
    GatewayPaymentStatus Status,
    PaymentDetails Details,
    string PaymentDateTime,
    string RawResults)
{
    public static QueryPaymentInfo From(GatewayMessage block)
    {
        var raw = block["payment_results"];
        // The protocol: 1 success, -1 pending, 0 or any other value failed.
        var status = raw switch
        {
            "1" => GatewayPaymentStatus.Success,
            "-1" => GatewayPaymentStatus.Pending,
            _ => GatewayPaymentStatus.Failure,
        };
        return new QueryPaymentInfo(
            block["order_number"],
            block["order_currency"],
            block["order_amount"],
            block["payment_id"],
            status,
            PaymentDetails.Parse(block["payment_details"]),
            block["payment_dateTime"],
            raw);
    }
}
