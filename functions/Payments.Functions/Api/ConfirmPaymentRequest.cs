using System.Text.Json;

namespace Payments.Functions.Api;

/// <summary>The body of <c>POST /api/payments/{paymentId}/confirm</c>: method-specific data only.</summary>
public sealed record ConfirmPaymentRequest
{
    /// <summary>May be sent here instead of the X-Client-Secret header.</summary>
    public string? ClientSecret { get; init; }

    public CardRequest? Card { get; init; }

    /// <summary>Oceanpayment's encrypted card blob, instead of <see cref="Card"/>.</summary>
    public string? CardData { get; init; }

    /// <summary>Apple Pay / Google Pay payment token: the wallet's JSON object (or that JSON as a string).</summary>
    public JsonElement? WalletToken { get; init; }
}

/// <summary>Raw card fields. They pass through to the gateway and nowhere else.</summary>
public sealed record CardRequest
{
    public string? Number { get; init; }

    public string? ExpMonth { get; init; }

    public string? ExpYear { get; init; }

    public string? Cvc { get; init; }

    public override string ToString() => "CardRequest";
}
