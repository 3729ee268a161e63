namespace Payments.Core.Oceanpayment.Requests;

/// <summary>The payment methods this product takes.</summary>
public enum PaymentMethod
{
    Card,
    ApplePay,
    GooglePay,
    WeChatPayWeb,
    WeChatPayMiniProgram,
    WeChatPayApp,
    AlipayWeb,
    AlipayMiniProgram,
    AlipayApp,
    Fps,
}
