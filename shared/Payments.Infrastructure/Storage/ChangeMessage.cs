using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// The payment-change queue message: <c>{"orderNumber":"..","sequence":3,"attempt":0}</c>. It names a
/// partition and the change number to wait for; it carries nothing else (no amounts, no card data).
/// </summary>
public sealed record ChangeMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonPropertyName("orderNumber")]
    public string OrderNumber { get; init; } = string.Empty;

    [JsonPropertyName("sequence")]
    public long Sequence { get; init; }

    /// <summary>How many times the projector already found the change not yet written.</summary>
    [JsonPropertyName("attempt")]
    public int Attempt { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>False for anything but a well-formed message.</summary>
    public static bool TryParse(string? json, [NotNullWhen(true)] out ChangeMessage? message)
    {
        message = null;
        if (string.IsNullOrEmpty(json) || json.Length > 1024)
        {
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize<ChangeMessage>(json, Json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (message is null || !FieldShapes.IsOrderNumber(message.OrderNumber) || message.Sequence < 1 || message.Attempt is < 0 or > 100)
        {
            message = null;
            return false;
        }

        return true;
    }
}
