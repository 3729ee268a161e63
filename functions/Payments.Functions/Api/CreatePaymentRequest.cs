using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payments.Functions.Api;

/// <summary>The body of <c>POST /api/payments</c>.</summary>
public sealed record CreatePaymentRequest
{
    /// <summary>Amount in minor units (cents); or give <see cref="AmountDecimal"/>.</summary>
    public long? Amount { get; init; }

    /// <summary>Amount as a decimal string such as "10.50"; or give <see cref="Amount"/>.</summary>
    public string? AmountDecimal { get; init; }

    public string? Currency { get; init; }

    /// <summary>card, apple_pay, google_pay, wechat_pay_web, wechat_pay_mini_program, wechat_pay_app,
    /// alipay_web, alipay_mini_program, alipay_app, fps.</summary>
    public string? Method { get; init; }

    public BillingRequest? Billing { get; init; }

    public IReadOnlyList<ProductRequest>? Products { get; init; }

    public string? Notes { get; init; }

    /// <summary>The merchant page to send the shopper to afterwards (an allow-listed origin).</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The merchant's order number; generated when absent.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>"sale" (default) or "pre_authorise".</summary>
    public string? Capture { get; init; }

    /// <summary>How many gateway attempts the shopper may make (1-5, default 1): while attempts remain, a
    /// declined card leaves the payment <c>requires_payment_method</c> for another confirm.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>The merchant's key-value notes: up to 20 keys of 1-40 letters, digits, '_', '-' or '.';
    /// string values of at most 500 characters; nothing that looks like a card number. Values are read as
    /// JSON elements so that a number or object is a field error rather than an unreadable body.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>Notes under the same rules as <see cref="Metadata"/> that the shopper's page never sees (the merchant's
    /// server, webhooks and operators do).</summary>
    public IReadOnlyDictionary<string, JsonElement>? PrivateMetadata { get; init; }
}

public sealed record BillingRequest
{
    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Country { get; init; }

    public string? State { get; init; }

    public string? City { get; init; }

    public string? Address { get; init; }

    public string? Zip { get; init; }

    public string? Ip { get; init; }
}

public sealed record ProductRequest
{
    public string? Name { get; init; }

    public string? Sku { get; init; }

    public int Quantity { get; init; } = 1;

    /// <summary>Unit price as a decimal string.</summary>
    public string? Price { get; init; }
}

/// <summary>The answer to a create: the payment and, once per create, its client secret.</summary>
public sealed record CreatePaymentResponse(
    string PaymentId,
    string OrderNumber,
    string Status,
    long Amount,
    string Currency,
    string Method,
    string ClientSecret,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? Metadata,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? PrivateMetadata)
{
    public static CreatePaymentResponse From(Core.Application.PaymentView view, string clientSecret)
        => new(view.PaymentId, view.OrderNumber, view.Status, view.Amount, view.Currency, view.Method, clientSecret, view.CreatedAt, view.Metadata, view.PrivateMetadata);
}
