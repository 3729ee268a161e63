using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>Builds the records stored beside a payment. None holds card data, secure codes or signatures.</summary>
public static class PaymentRecords
{
    /// <summary>A received notice, keyed for deduplication by a hash of its type and signature
    /// (two notices with the same signature carry the same signed values).</summary>
    public static PaymentRecord Notice(GatewayMessage message, DateTimeOffset at)
        => Received(message["notice_type"], message, at, "notice");

    /// <summary>A received business notice. Its <c>notice_type</c> is not signed (F4), so the key leaves it
    /// out: a copy relabelled as another type is the same notice, recorded once.</summary>
    public static PaymentRecord BusinessNotice(GatewayMessage message, DateTimeOffset at)
        => Received("business", message, at, "business-notice");

    /// <summary>A verified browser return, keyed like a notice, so a replayed return writes nothing.</summary>
    public static PaymentRecord BrowserReturn(GatewayMessage message, DateTimeOffset at)
        => Received("browser-return", message, at, "browser-return");

    /// <summary>The value that says how a received message came (<c>notice</c>, <c>business-notice</c>, <c>browser-return</c>).</summary>
    public const string ReceivedAs = "_receivedAs";

    private static PaymentRecord Received(string prefix, GatewayMessage message, DateTimeOffset at, string receivedAs)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = Hash(prefix + "|" + message.SignValue.ToUpperInvariant());
        var values = message.Fields
            .Where(f => f.Key != "signValue")
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        values[ReceivedAs] = receivedAs;
        return new PaymentRecord(PaymentRecord.Notice, id, at, values);
    }

    /// <summary>An audit record's stored form (kind <c>event</c>, a <c>type</c> value and string values):
    /// written only through <see cref="AuditRecord.ToRecord"/>, so every kind has its timeline line.</summary>
    internal static PaymentRecord Event(string type, DateTimeOffset at, params (string Key, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        map["type"] = type;
        return new PaymentRecord(PaymentRecord.Event, EventId(at), at, map);
    }

    /// <summary>Sortable and unique: time first, then randomness.</summary>
    public static string EventId(DateTimeOffset at)
        => string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}-{Guid.NewGuid():N}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
