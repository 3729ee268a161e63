namespace Payments.Core.Oceanpayment.Requests;

/// <summary>The two S2S payment endpoints.</summary>
public enum GatewayEndpoint
{
    /// <summary><c>/gateway/direct/pay</c>: cards, Apple Pay, Google Pay.</summary>
    DirectPay,

    /// <summary><c>/gateway/directservice/pay</c>: WeChat Pay, Alipay, FPS.</summary>
    DirectServicePay,
}
