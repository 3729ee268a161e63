using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// A row of the open-payment index: a payment that still waits on the gateway, the attempt its next
/// check carries, and when the sweep should look at it if no check has touched it by then.
/// </summary>
public sealed record OpenPaymentEntry(string OrderNumber, string Account, string Terminal, int Attempt, DateTimeOffset DueAt)
{
    public static OpenPaymentEntry For(PaymentData payment, int attempt, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new OpenPaymentEntry(payment.OrderNumber, payment.Account, payment.Terminal, attempt, dueAt);
    }
}
