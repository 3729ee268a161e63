using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Payments.Core.Application;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// The reconcile queue message as JSON: <c>{"orderNumber":"..","attempt":1,"reason":"..","dueAt":"...","refundId":"re_..."}</c> (refundId only for a refund's check).
/// The scheduler writes it and the queue-triggered function reads it with <see cref="TryParse"/>.
/// </summary>
public sealed record ReconcileMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonPropertyName("orderNumber")]
    public string OrderNumber { get; init; } = string.Empty;

    [JsonPropertyName("attempt")]
    public int Attempt { get; init; }

    [JsonPropertyName("reason")]
    public string Reason { get; init; } = string.Empty;

    /// <summary>The booked due time of this check (absent in messages written before bookings existed).</summary>
    [JsonPropertyName("dueAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Set when the check is of one refund (<c>re_...</c>) rather than of the payment.</summary>
    [JsonPropertyName("refundId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefundId { get; init; }

    public static ReconcileMessage From(ReconcileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ReconcileMessage { OrderNumber = request.OrderNumber, Attempt = request.Attempt, Reason = request.Reason, DueAt = request.DueAt, RefundId = request.RefundId };
    }

    public ReconcileRequest ToRequest() => new(OrderNumber, Attempt, Reason) { DueAt = DueAt, RefundId = RefundId };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Reads a message body; false for anything that is not a well-formed message (bad JSON, an
    /// order number that is not <c>[A-Za-z0-9_-]{1,50}</c>, a negative attempt, an overlong reason).
    /// </summary>
    public static bool TryParse(string? json, [NotNullWhen(true)] out ReconcileMessage? message)
    {
        message = null;
        if (string.IsNullOrEmpty(json) || json.Length > 4096)
        {
            return false;
        }

        ReconcileMessage? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ReconcileMessage>(json, Json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (parsed is null || !parsed.IsWellFormed)
        {
            return false;
        }

        message = parsed;
        return true;
    }

    /// <summary>True when the fields have the shapes the reconciler relies on.</summary>
    [JsonIgnore]
    public bool IsWellFormed
        => OrderNumber is { Length: >= 1 and <= 50 }
            && Payments.Core.Oceanpayment.Signing.FieldShapes.IsOrderNumber(OrderNumber)
            && Attempt >= 0
            && Reason is { Length: <= 200 }
            && (RefundId is null || RefundRecords.IsRefundId(RefundId));
}
