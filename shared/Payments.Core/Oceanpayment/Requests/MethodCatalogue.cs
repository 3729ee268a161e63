using System.Collections.Frozen;

namespace Payments.Core.Oceanpayment.Requests;

/// <summary>
/// Our method -> (<c>methods</c> string, terminal, endpoint). The spelling is agreed per merchant
/// with Oceanpayment, so every entry can be overridden by configuration; the defaults follow the seed.
/// </summary>
public sealed class MethodCatalogue
{
    /// <summary>Oceanpayment's public demo terminals (cards and wallets; local payments).</summary>
    public const string DemoCardTerminal = "99514901";
    public const string DemoLocalTerminal = "99514903";

    private readonly FrozenDictionary<PaymentMethod, MethodRoute> _routes;

    public MethodCatalogue(IEnumerable<MethodRoute> routes)
        => _routes = routes.ToFrozenDictionary(r => r.Method);

    public IEnumerable<MethodRoute> Routes => _routes.Values;

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

    /// <summary>The catalogue with the seed's defaults on the demo terminals.</summary>
    public static MethodCatalogue Default { get; } = new(Enum.GetValues<PaymentMethod>().Select(m => new MethodRoute(
        m,
        DefaultMethodsString(m),
        EndpointOf(m) == GatewayEndpoint.DirectPay ? DemoCardTerminal : DemoLocalTerminal,
        EndpointOf(m))));

    public bool TryGet(PaymentMethod method, out MethodRoute route)
        => _routes.TryGetValue(method, out route!);

    public MethodRoute Get(PaymentMethod method)
        => TryGet(method, out var route) ? route : throw new InvalidOperationException($"The payment method {method} is not configured.");
}
