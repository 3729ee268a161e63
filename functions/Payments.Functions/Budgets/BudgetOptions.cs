namespace Payments.Functions.Budgets;

/// <summary>
/// The <c>Budgets</c> section: how long each operation may take end to end, whatever hangs beneath
/// it. A caller that got no answer in time retries; an answer after that helps nobody.
/// </summary>
public sealed class BudgetOptions
{
    public const string Section = "Budgets";

    /// <summary>Azure's front end closes an HTTP request that has been silent this long.</summary>
    public static readonly TimeSpan MaxHttpBudget = TimeSpan.FromSeconds(230);

    /// <summary>A server notice: Oceanpayment gives up on one well before a minute and sends it again.</summary>
    public TimeSpan Notice { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shopper's browser return; past it the shopper is sent to the confirming page.</summary>
    public TimeSpan BrowserReturn { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The health probe.</summary>
    public TimeSpan Health { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Create, status, QR code and review resolution: storage work only.</summary>
    public TimeSpan Api { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Added to the gateway timeout for the operations that call the gateway: a confirm gets
    /// <c>Oceanpayment:PaymentTimeoutSeconds</c> plus this, a reconcile message
    /// <c>Oceanpayment:QueryTimeoutSeconds</c> plus this, for the storage and Key Vault calls around the call.
    /// </summary>
    public TimeSpan GatewayMargin { get; set; } = TimeSpan.FromSeconds(5);
}
