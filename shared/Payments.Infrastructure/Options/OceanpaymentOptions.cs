namespace Payments.Infrastructure.Options;

/// <summary>The <c>Oceanpayment</c> section: merchant account, gateway hosts, terminals and method routes.</summary>
public sealed class OceanpaymentOptions
{
    public const string Section = "Oceanpayment";

    public const string DefaultPaymentBaseUrl = "https://test-secure.oceanpayment.com";

    public const string DefaultQueryBaseUrl = "https://test-query.oceanpayment.com";

    /// <summary>The merchant's 6-digit account.</summary>
    public string Account { get; set; } = string.Empty;

    public string PaymentBaseUrl { get; set; } = DefaultPaymentBaseUrl;

    public string QueryBaseUrl { get; set; } = DefaultQueryBaseUrl;

    public bool SignBackUrl { get; set; }

    public int PaymentTimeoutSeconds { get; set; } = 30;

    public int QueryTimeoutSeconds { get; set; } = 15;

    public List<TerminalOptions> Terminals { get; set; } = [];

    /// <summary>Overrides of <see cref="Core.Oceanpayment.Requests.MethodCatalogue.Default"/>, keyed by <c>PaymentMethod</c> name.</summary>
    public Dictionary<string, MethodOptions> Methods { get; set; } = new(StringComparer.Ordinal);
}
