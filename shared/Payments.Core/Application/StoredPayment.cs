using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>A payment as read, with the storage version (ETag) its next write must match.</summary>
public sealed record StoredPayment(PaymentData Data, string Version)
{
    /// <summary>The echoed values a received message about this payment must repeat.</summary>
    public KnownValues Known => new(Data.OrderNotes, Data.GatewayPaymentId);
}
