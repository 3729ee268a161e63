using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Protocol;

/// <summary>Luhn-valid test card numbers that pick an outcome (README table). Any other valid card approves.</summary>
internal static class MagicCards
{
    public const string Approve = "4111111111111111";
    public const string Decline = "4000000000000002";
    public const string ThreeDSecure = "4000000000003220";
    public const string PendingThenApprove = "4000000000000044";
    public const string PendingThenDecline = "4000000000000051";

    public static PaymentOutcome OutcomeFor(string cardNumber) => cardNumber switch
    {
        Decline => PaymentOutcome.Decline,
        ThreeDSecure => PaymentOutcome.Challenge,
        PendingThenApprove => PaymentOutcome.PendingThenApprove,
        PendingThenDecline => PaymentOutcome.PendingThenDecline,
        _ => PaymentOutcome.Approve,
    };

    public static bool IsLuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    // Always four stars, whatever the length: the gateway answers 16-digit cards as 411111****1111.
    public static string Mask(string digits) =>
        digits.Length < 10 ? "" : string.Concat(digits.AsSpan(0, 6), "****", digits.AsSpan(digits.Length - 4));

    public static string TypeOf(string digits) => digits switch
    {
        _ when digits.StartsWith('4') => "Visa",
        _ when digits.StartsWith("34", StringComparison.Ordinal) || digits.StartsWith("37", StringComparison.Ordinal) => "AMEX",
        _ when digits.Length > 1 && digits[0] == '5' && digits[1] is >= '1' and <= '5' => "MasterCard",
        _ when digits.StartsWith('2') => "MasterCard",
        _ when digits.StartsWith("35", StringComparison.Ordinal) => "JCB",
        _ => "Other",
    };
}
