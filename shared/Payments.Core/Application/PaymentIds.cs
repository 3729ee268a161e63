using System.Security.Cryptography;

namespace Payments.Core.Application;

/// <summary>
/// Payment ids, generated order numbers and client secrets. A payment id is the order number
/// behind a prefix, so every lookup is one point read of the order's partition.
/// </summary>
public static class PaymentIds
{
    public const string Prefix = "pay_";
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string ForOrder(string orderNumber) => Prefix + orderNumber;

    public static bool TryGetOrderNumber(string? paymentId, out string orderNumber)
    {
        orderNumber = string.Empty;
        if (paymentId is null || !paymentId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        orderNumber = paymentId[Prefix.Length..];
        return Oceanpayment.Requests.RequestValidator.IsOrderNumber(orderNumber);
    }

    /// <summary>A new order number: date plus 16 random characters (80 bits), 26 characters in all.</summary>
    public static string NewOrderNumber(DateTimeOffset now)
        => string.Concat("PF", now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), RandomString(16));

    public static string NewClientSecret(string paymentId) => string.Concat(paymentId, "_secret_", RandomString(32));

    /// <summary>Constant-time comparison of a presented client secret with the stored one.</summary>
    public static bool SecretMatches(string stored, string? presented)
        => presented is not null
            && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(stored),
                System.Text.Encoding.UTF8.GetBytes(presented));

    private static string RandomString(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
