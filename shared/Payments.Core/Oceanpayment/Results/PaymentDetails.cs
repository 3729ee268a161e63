namespace Payments.Core.Oceanpayment.Results;

/// <summary><c>payment_details</c> split at the first colon: <c>80022:Not Sufficient Funds</c>.</summary>
public readonly record struct PaymentDetails(string Code, string Text)
{
    public const string Approved = "80000";
    public const string InsufficientFunds = "80022";
    public const string TimedOutUncertain = "80031";
    public const string TransactionNotFinished = "80100";
    public const string StatusUnknown = "80700";
    public const string IncorrectSignValue = "20013";
    public const string DuplicateOrderNumber = "20061";

    /// <summary>A pre-authorisation was voided (the answer to a void, and what the status query reports after).</summary>
    public const string Voided = "80050";

    public static PaymentDetails Parse(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return new PaymentDetails(string.Empty, string.Empty);
        }

        var colon = details.IndexOf(':');
        return colon < 0
            ? new PaymentDetails(details.Trim(), string.Empty)
            : new PaymentDetails(details[..colon].Trim(), details[(colon + 1)..].Trim());
    }

    public override string ToString() => Text.Length == 0 ? Code : $"{Code}:{Text}";
}
