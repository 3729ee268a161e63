namespace Payments.Core.Payments;

/// <summary>
/// The gateway order numbers of a payment's attempts. The protocol gives one order number to one payment
/// attempt, so a payment that lets the shopper try again after a decline (<see cref="PaymentData.MaxAttempts"/>)
/// sends each attempt under its own number: attempt 1 under the payment's order number, attempt
/// <c>n</c> (2 to <see cref="Max"/>) under <c>{orderNumber}__{n}</c>. That is inside the order-number
/// grammar (<c>[A-Za-z0-9_-]{1,50}</c>), and since no payment may be created with an order number of that
/// form (<see cref="IsAttemptForm"/>), an attempt's number always leads back to its one payment.
/// </summary>
public static class PaymentAttempts
{
    /// <summary>The most attempts one payment may allow.</summary>
    public const int Max = 5;

    /// <summary>The payment's flag when an earlier attempt took money while the payment was already in review:
    /// the person settling the review sees it.</summary>
    public const string LateChargeFlag = "lateCharge";

    /// <summary>How much longer than the payment's order number an attempt's may be: <c>__</c> and one digit.</summary>
    public const int SuffixLength = 3;

    /// <summary>The longest order number a payment with later attempts may have: the protocol's 50 less the suffix.</summary>
    public const int LongestOrderNumber = 50 - SuffixLength;

    /// <summary>The order number attempt <paramref name="attempt"/> of the payment <paramref name="orderNumber"/> is sent under.</summary>
    public static string GatewayOrderNumber(string orderNumber, int attempt)
    {
        ArgumentNullException.ThrowIfNull(orderNumber);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attempt, Max);
        return attempt == 1 ? orderNumber : string.Concat(orderNumber, "__", ((char)('0' + attempt)).ToString());
    }

    /// <summary>True for an order number of a later attempt's form (<c>...__2</c> to <c>...__5</c>): reserved, never a payment's own.</summary>
    public static bool IsAttemptForm(string orderNumber)
    {
        ArgumentNullException.ThrowIfNull(orderNumber);
        return orderNumber.Length > SuffixLength
            && orderNumber[^3] == '_' && orderNumber[^2] == '_'
            && orderNumber[^1] is >= '2' and <= (char)('0' + Max);
    }

    /// <summary>The id of the automatic refund of attempt <paramref name="attempt"/>'s late charge: one per
    /// attempt, so a repeated result can never make a second (<c>re_</c> and 24 hex digits, like every refund id).</summary>
    public static string LateChargeRefundId(string orderNumber, int attempt)
        => "re_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            "late-charge\n" + orderNumber + "\n" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))))[..24];

    /// <summary>The payment's order number and the attempt a gateway order number names (attempt 1 for a payment's own number).</summary>
    public static (string OrderNumber, int Attempt) Split(string gatewayOrderNumber)
    {
        ArgumentNullException.ThrowIfNull(gatewayOrderNumber);
        return IsAttemptForm(gatewayOrderNumber)
            ? (gatewayOrderNumber[..^SuffixLength], gatewayOrderNumber[^1] - '0')
            : (gatewayOrderNumber, 1);
    }

    /// <summary>The order number of the payment a gateway order number belongs to.</summary>
    public static string PaymentOrderOf(string gatewayOrderNumber) => Split(gatewayOrderNumber).OrderNumber;
}
