using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Xml;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Oceanpayment.Messages;

/// <summary>
/// The name table of one parse. Names the gateway is known to send come from a shared, read-only
/// table, so a notice atomizes its element names without allocating; any other name is kept in this
/// instance only, so untrusted input can never grow shared state. Not thread-safe: one per reader.
/// </summary>
internal sealed class GatewayNameTable : XmlNameTable
{
    private static readonly FrozenDictionary<string, string> Known = KnownNames()
        .Distinct(StringComparer.Ordinal)
        .ToFrozenDictionary(name => name, name => name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownByChars =
        Known.GetAlternateLookup<ReadOnlySpan<char>>();

    private Dictionary<string, string>? _others;

    public override string Add(char[] array, int offset, int length) => Add(array.AsSpan(offset, length));

    public override string Add(string array) => Add(array.AsSpan());

    public override string? Get(char[] array, int offset, int length) => Get(array.AsSpan(offset, length));

    public override string? Get(string array) => Get(array.AsSpan());

    internal static bool IsKnown(string name) => Known.ContainsKey(name);

    /// <summary>The shared instance of a name the gateway is known to send.</summary>
    internal static bool TryGetKnown(string name, [NotNullWhen(true)] out string? known) => Known.TryGetValue(name, out known);

    private string? Get(ReadOnlySpan<char> name)
    {
        if (KnownByChars.TryGetValue(name, out var known))
        {
            return known;
        }

        return _others is not null && _others.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var other)
            ? other
            : null;
    }

    private string Add(ReadOnlySpan<char> name)
    {
        var existing = Get(name);
        if (existing is not null)
        {
            return existing;
        }

        _others ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var added = name.ToString();
        _others.Add(added, added);
        return added;
    }

    private static IEnumerable<string> KnownNames()
    {
        // What XmlReader itself atomizes for every document.
        string[] reader = ["", "xml", "xmlns", "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/"];

        // Roots and blocks, and the unsigned fields of answers and notices (protocol §6, §7, §9, §10).
        string[] gateway =
        [
            "response", "respon", "paymentInfo",
            "notice_type", "push_dateTime", "response_type", "signValue", "methods", "card_country", "card_type",
            "payment_country", "payment_solutions", "payment_amount", "payment_exchangeRate", "pay_barCode",
            "auth_reason", "auth_code", "pay_userId", "pay_url", "payment_bankInfo",
            "payment_results", "payment_dateTime", "refund_status", "chargeBack_status", "refund_id", "refund_results",
        ];

        var signed = Enum.GetValues<SignatureKind>().SelectMany(kind => SignedFields.For(kind, includeBackUrl: true));
        return reader.Concat(gateway).Concat(signed);
    }
}
