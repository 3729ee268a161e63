using System.Collections.Frozen;

namespace Payments.Core.Oceanpayment.Messages;

/// <summary>
/// The fields of one gateway message exactly as received (element or form field name -> text).
/// Names are case-sensitive, each appears once, and a missing field reads as the empty string.
/// </summary>
public sealed class GatewayMessage
{
    private readonly FrozenDictionary<string, string> _values;

    internal GatewayMessage(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        Fields = fields;
        _values = fields.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The fields in the order they arrived.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The value of a field, or the empty string when it is absent.</summary>
    public string this[string name] => _values.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>The received <c>signValue</c>.</summary>
    public string SignValue => this["signValue"];

    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>Builds a message from fields; rejects a repeated name.</summary>
    public static GatewayMessage FromFields(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var list = fields.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in list)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"The field '{name}' appears more than once.", nameof(fields));
            }
        }

        return new GatewayMessage(list);
    }

    /// <summary>Lists the field names only: values may be personal or secret.</summary>
    public override string ToString() => $"GatewayMessage({string.Join(", ", Fields.Select(f => f.Key))})";
}
