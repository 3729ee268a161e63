namespace Oceanpayment.Sandbox;

/// <summary>What a sandbox terminal accepts.</summary>
public enum SandboxTerminalKind
{
    /// <summary><c>Credit Card</c>, <c>ApplePay</c> and <c>GooglePay</c> on <c>/gateway/direct/pay</c>, no 3-D Secure unless the card or scenario asks for it.</summary>
    Cards,

    /// <summary>Like <see cref="Cards"/>, but every approved card payment first goes through the 3-D Secure challenge.</summary>
    ThreeDSecure,

    /// <summary>WeChat Pay, Alipay and FPS methods on <c>/gateway/directservice/pay</c>.</summary>
    LocalPayments,
}
