using System.Collections.Frozen;

namespace Payments.Core.Oceanpayment.Requests;

/// <summary>
/// Our method -> the gateway's <c>methods</c> string and endpoint. The spelling is agreed per merchant
/// with Oceanpayment, so every string can be overridden by configuration; the defaults follow the seed.
/// Which terminal takes a payment is not decided here but by <see cref="Terminals.TerminalRouting"/>.
/// </summary>
public sealed class MethodCatalogue
{
    private readonly FrozenDictionary<PaymentMethod, string> _strings;

    /// <summary>The catalogue with the given <c>methods</c> strings; a method left out keeps the seed's.</summary>
    public MethodCatalogue(IReadOnlyDictionary<PaymentMethod, string>? overrides = null)
        => _strings = Enum.GetValues<PaymentMethod>().ToFrozenDictionary(
            m => m,
            m => overrides is not null && overrides.TryGetValue(m, out var text) ? text : DefaultMethodsString(m));

    /// <summary>The seed's strings.</summary>
    public static MethodCatalogue Default { get; } = new();

    /// <summary>The <c>methods</c> strings from the seed; the seed repeats WeChat names on the Alipay
    /// mini-program and app rows, which looks like a typo, so those default to Alipay_MPro / Alipay_APP.</summary>
    public static string DefaultMethodsString(PaymentMethod method) => method switch
    {
        PaymentMethod.Card => "Credit Card",
        PaymentMethod.ApplePay => "ApplePay",
        PaymentMethod.GooglePay => "GooglePay",
        PaymentMethod.WeChatPayWeb => "WeChatPay_Web",
        PaymentMethod.WeChatPayMiniProgram => "WeChatPay_MPro",
        PaymentMethod.WeChatPayApp => "WeChatPay_APP",
        PaymentMethod.AlipayWeb => "Alipay_Web",
        PaymentMethod.AlipayMiniProgram => "Alipay_MPro",
        PaymentMethod.AlipayApp => "Alipay_APP",
        PaymentMethod.Fps => "FPS",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public static GatewayEndpoint EndpointOf(PaymentMethod method)
        => method is PaymentMethod.Card or PaymentMethod.ApplePay or PaymentMethod.GooglePay
            ? GatewayEndpoint.DirectPay
            : GatewayEndpoint.DirectServicePay;

    /// <summary>The <c>methods</c> string sent for a method.</summary>
    public string MethodsString(PaymentMethod method) => _strings[method];

    /// <summary>How a payment of this method is sent on the given terminal.</summary>
    public MethodRoute RouteOn(PaymentMethod method, string terminal)
        => new(method, MethodsString(method), terminal, EndpointOf(method));
}
