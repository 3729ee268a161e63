using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Infrastructure.Options;

/// <summary>The <c>Oceanpayment</c> section: merchant account, gateway hosts, terminals with their routing, method strings.</summary>
public sealed class OceanpaymentOptions
{
    public const string Section = "Oceanpayment";

    public const string DefaultPaymentBaseUrl = "https://test-secure.oceanpayment.com";

    public const string DefaultQueryBaseUrl = "https://test-query.oceanpayment.com";

    /// <summary>The merchant's 6-digit account: the account of every terminal that names none of its own.</summary>
    public string Account { get; set; } = string.Empty;

    public string PaymentBaseUrl { get; set; } = DefaultPaymentBaseUrl;

    public string QueryBaseUrl { get; set; } = DefaultQueryBaseUrl;

    public bool SignBackUrl { get; set; }

    public int PaymentTimeoutSeconds { get; set; } = 30;

    public int QueryTimeoutSeconds { get; set; } = 15;

    public List<TerminalOptions> Terminals { get; set; } = [];

    /// <summary>Overrides of the seed's <c>methods</c> strings, keyed by the API's method name (<c>card</c>, <c>alipay_app</c>, ...).</summary>
    public Dictionary<string, MethodOptions> Methods { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The account and terminal a configured terminal signs with: its own account, else <see cref="Account"/>.</summary>
    public TerminalKey KeyOf(TerminalOptions terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        return new TerminalKey(string.IsNullOrWhiteSpace(terminal.Account) ? Account : terminal.Account.Trim(), terminal.Terminal);
    }
}
