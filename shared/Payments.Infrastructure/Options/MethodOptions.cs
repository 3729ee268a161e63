namespace Payments.Infrastructure.Options;

/// <summary>An override of one payment method's <c>methods</c> string, keyed by the API's method name.</summary>
public sealed class MethodOptions
{
    /// <summary>The gateway's <c>methods</c> string agreed with Oceanpayment.</summary>
    public string? Methods { get; set; }

    /// <summary>No longer read: terminals carry their own routing (<c>Oceanpayment:Terminals:N:Methods</c>).
    /// Bound only so that start-up can refuse a configuration that still sets it.</summary>
    public string? Terminal { get; set; }
}
