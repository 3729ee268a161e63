namespace Payments.Core.Oceanpayment.Requests;

/// <summary>How one of our methods is sent: the <c>methods</c> string, the terminal and the endpoint.</summary>
public sealed record MethodRoute(PaymentMethod Method, string Methods, string Terminal, GatewayEndpoint Endpoint)
{
    /// <summary>The endpoint's path below the payment base URL.</summary>
    public string Path => Endpoint == GatewayEndpoint.DirectPay ? "/gateway/direct/pay" : "/gateway/directservice/pay";

    /// <summary>Web-QR methods answer with a <c>pay_barCode</c> to show.</summary>
    public bool IsQrCode => Method is PaymentMethod.WeChatPayWeb or PaymentMethod.AlipayWeb or PaymentMethod.Fps;

    /// <summary>Mini-program and app methods answer with SDK parameters.</summary>
    public bool IsSdk => Method is PaymentMethod.WeChatPayMiniProgram or PaymentMethod.WeChatPayApp
        or PaymentMethod.AlipayMiniProgram or PaymentMethod.AlipayApp;

    /// <summary>Card-like methods carry an instrument (card fields, encrypted card data or a wallet token).</summary>
    public bool NeedsInstrument => Endpoint == GatewayEndpoint.DirectPay;
}
