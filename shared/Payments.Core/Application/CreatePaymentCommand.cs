using System.Collections.ObjectModel;
using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Application;

/// <summary>A validated request from the merchant's server to create a payment.</summary>
public sealed record CreatePaymentCommand
{
    public required Money Amount { get; init; }

    public required PaymentMethod Method { get; init; }

    public required BillingDetails Billing { get; init; }

    public IReadOnlyList<ProductLine> Products { get; init; } = [];

    public string Notes { get; init; } = string.Empty;

    public required string ReturnUrl { get; init; }

    /// <summary>The merchant's own order number, or null to have one generated.</summary>
    public string? OrderNumber { get; init; }

    public CaptureMode CaptureMode { get; init; } = CaptureMode.Sale;

    /// <summary>How many gateway attempts the payment allows (1 to <see cref="Payments.PaymentAttempts.Max"/>).</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>The merchant's key-value notes (<see cref="PaymentMetadata"/>); empty when none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The merchant's notes the shopper's page does not see (<see cref="PaymentMetadata"/>); empty when none.</summary>
    public IReadOnlyDictionary<string, string> PrivateMetadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>SHA-256 (hex) of the request body, for idempotent replays.</summary>
    public required string RequestHash { get; init; }
}
