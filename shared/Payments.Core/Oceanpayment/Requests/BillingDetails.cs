namespace Payments.Core.Oceanpayment.Requests;

/// <summary>The shopper's billing details as the gateway takes them.</summary>
public sealed record BillingDetails
{
    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public required string Email { get; init; }

    public string Phone { get; init; } = string.Empty;

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Country { get; init; }

    public string State { get; init; } = string.Empty;

    public string City { get; init; } = string.Empty;

    public string Address { get; init; } = string.Empty;

    public string Zip { get; init; } = string.Empty;

    /// <summary>The shopper's IP address, when known.</summary>
    public string Ip { get; init; } = string.Empty;
}
