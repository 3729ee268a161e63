using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Tests.Application;

/// <summary>Oceanpayment's public demo terminals routed as the sandbox takes them: cards and wallets on 99514901, local methods on 99514903.</summary>
internal static class DemoRouting
{
    public static TerminalRouting Instance { get; } = TerminalRouting.Of(
        TerminalRule.Serving("cards", new TerminalKey("995149", "99514901"), PaymentMethod.Card, PaymentMethod.ApplePay, PaymentMethod.GooglePay),
        TerminalRule.Serving("local", new TerminalKey("995149", "99514903"), [.. Enum.GetValues<PaymentMethod>().Where(m => MethodCatalogue.EndpointOf(m) == GatewayEndpoint.DirectServicePay)]));
}
