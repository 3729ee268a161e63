using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>A payment as read, with the storage version (ETag) its next write must match.</summary>
public sealed record StoredPayment(PaymentData Data, string Version)
{
    /// <summary>The echoed values a received message about this payment must repeat.</summary>
    public KnownValues Known => new(Data.OrderNotes, Data.GatewayPaymentId);

    /// <summary>The echoed values of a message naming <paramref name="gatewayOrderNumber"/>: an earlier
    /// attempt's order number repeats that attempt's gateway payment id (the refund of its late charge is
    /// about it), any other the payment's own.</summary>
    public KnownValues KnownFor(string gatewayOrderNumber)
    {
        var (order, number) = PaymentAttempts.Split(gatewayOrderNumber);
        return order == Data.OrderNumber && number != Data.Attempt && Data.PastAttempts.FirstOrDefault(a => a.Number == number) is { } past
            ? new(Data.OrderNotes, past.GatewayPaymentId)
            : Known;
    }
}
