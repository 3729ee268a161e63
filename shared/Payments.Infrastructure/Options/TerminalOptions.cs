namespace Payments.Infrastructure.Options;

/// <summary>One terminal: its account, where its secure code lives, and which payments it takes.</summary>
public sealed class TerminalOptions
{
    /// <summary>The 8-12 digit terminal number.</summary>
    public string Terminal { get; set; } = string.Empty;

    /// <summary>The 6-digit account the terminal belongs to; empty means <c>Oceanpayment:Account</c>.</summary>
    public string? Account { get; set; }

    /// <summary>The Key Vault secret that holds this terminal's secure code.</summary>
    public string? SecureCodeSecretName { get; set; }

    /// <summary>The secure code itself: Development only, never in Azure.</summary>
    public string? SecureCode { get; set; }

    /// <summary>Comma list of the API's method names the terminal takes (<c>card</c>, <c>apple_pay</c>, ...);
    /// empty: no new payments, only those already made on it.</summary>
    public string? Methods { get; set; }

    /// <summary>Comma list of ISO 4217 currencies; empty takes any.</summary>
    public string? Currencies { get; set; }

    /// <summary>Smallest amount taken, in the payment's currency (inclusive); empty for no bound.</summary>
    public string? MinAmount { get; set; }

    /// <summary>Amount from which the terminal no longer takes payments (exclusive); empty for no bound.</summary>
    public string? MaxAmount { get; set; }

    /// <summary>Comma list of ISO 3166-1 alpha-2 billing countries; empty takes any.</summary>
    public string? Countries { get; set; }
}
