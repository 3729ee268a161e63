using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Application;

/// <summary>The API's names for payment methods.</summary>
public static class MethodNames
{
    private static readonly (PaymentMethod Method, string Name)[] Names =
    [
        (PaymentMethod.Card, "card"),
        (PaymentMethod.ApplePay, "apple_pay"),
        (PaymentMethod.GooglePay, "google_pay"),
        (PaymentMethod.WeChatPayWeb, "wechat_pay_web"),
        (PaymentMethod.WeChatPayMiniProgram, "wechat_pay_mini_program"),
        (PaymentMethod.WeChatPayApp, "wechat_pay_app"),
        (PaymentMethod.AlipayWeb, "alipay_web"),
        (PaymentMethod.AlipayMiniProgram, "alipay_mini_program"),
        (PaymentMethod.AlipayApp, "alipay_app"),
        (PaymentMethod.Fps, "fps"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static string ToApi(PaymentMethod method) => Names.First(n => n.Method == method).Name;

    public static bool TryParse(string? name, out PaymentMethod method)
    {
        foreach (var (candidate, text) in Names)
        {
            if (string.Equals(text, name, StringComparison.Ordinal))
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }
}
