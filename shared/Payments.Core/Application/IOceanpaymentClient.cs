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

    /// <summary>POSTs a signed <c>applyRefund</c> request, once (never retried: a lost answer is found out).</summary>
    Task<GatewayCall> RefundAsync(GatewayForm form, CancellationToken cancellationToken);

    /// <summary>POSTs a signed <c>queryRefund</c> request.</summary>
    Task<GatewayCall> RefundQueryAsync(GatewayForm form, CancellationToken cancellationToken);

    /// <summary>POSTs a signed capture or void to <c>service/auth</c>, once.</summary>
    Task<GatewayCall> AuthAsync(GatewayForm form, CancellationToken cancellationToken);
}
