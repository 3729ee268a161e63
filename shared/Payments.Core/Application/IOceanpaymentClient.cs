using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Application;

/// <summary>The outbound HTTP calls to Oceanpayment. Never retries a payment POST by itself.</summary>
public interface IOceanpaymentClient
{
    /// <summary>POSTs a signed payment form to the route's endpoint, once.</summary>
    Task<GatewayCall> PayAsync(MethodRoute route, GatewayForm form, CancellationToken cancellationToken);

    /// <summary>POSTs a signed <c>check/normal</c> query.</summary>
    Task<GatewayCall> QueryAsync(GatewayForm form, CancellationToken cancellationToken);
}
