namespace Payments.Infrastructure.Options;

/// <summary>An override of one payment method's route; unset values keep the catalogue default.</summary>
public sealed class MethodOptions
{
    /// <summary>The gateway's <c>methods</c> string agreed with Oceanpayment.</summary>
    public string? Methods { get; set; }

    /// <summary>The terminal that takes this method; must be one of the configured terminals.</summary>
    public string? Terminal { get; set; }
}
