namespace Payments.Core.Oceanpayment.Results;

/// <summary>Maps a verified result to a <see cref="GatewayOutcome"/>. Never reads success from <c>payment_details</c>:
/// the test gateway answers <c>89999:Contact Customer Service</c> on successful payments.</summary>
public static class OutcomeClassifier
{
    public static GatewayOutcome Classify(PaymentResult result)
        => Classify(result.Status, result.AuthType, result.PayUrl, result.Details);

    public static GatewayOutcome Classify(QueryPaymentInfo info)
        => Classify(info.Status, AuthType.Unrecognised, string.Empty, info.Details);

    public static GatewayOutcome Classify(GatewayPaymentStatus status, AuthType authType, string payUrl, PaymentDetails details)
        => status switch
        {
            GatewayPaymentStatus.Success => GatewayOutcome.Succeeded,
            GatewayPaymentStatus.Pending when payUrl.Length > 0 => GatewayOutcome.RequiresAction,
            GatewayPaymentStatus.Pending when authType is AuthType.PreAuthorisation or AuthType.ThreeDSecurePreAuthorisation
                => GatewayOutcome.Authorised,
            GatewayPaymentStatus.Pending => GatewayOutcome.Pending,
            GatewayPaymentStatus.Failure when details.Code == PaymentDetails.DuplicateOrderNumber => GatewayOutcome.AlreadyExists,
            GatewayPaymentStatus.Failure when details.Code == PaymentDetails.Voided => GatewayOutcome.Voided,
            GatewayPaymentStatus.Failure when details.Code is PaymentDetails.TimedOutUncertain
                or PaymentDetails.TransactionNotFinished or PaymentDetails.StatusUnknown => GatewayOutcome.Unknown,
            GatewayPaymentStatus.Failure => GatewayOutcome.Failed,
            _ => GatewayOutcome.Unknown,
        };
}
