namespace Payments.Core.Application;

/// <summary>An <c>Idempotency-Key</c> claimed by a create request.</summary>
/// <param name="KeyHash">SHA-256 (hex) of the key, so a merchant's key text is not stored as a row key.</param>
/// <param name="RequestHash">SHA-256 (hex) of the request body.</param>
/// <param name="OrderNumber">The payment the key created.</param>
/// <param name="CreatedAt">When it was claimed.</param>
public sealed record IdempotencyEntry(string KeyHash, string RequestHash, string OrderNumber, DateTimeOffset CreatedAt);
