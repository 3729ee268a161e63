namespace Payments.Core.Oceanpayment.Messages;

/// <summary>
/// The fields of one gateway message exactly as received (element or form field name -> text).
/// Names are case-sensitive, each appears once, and a missing field reads as the empty string.
/// </summary>
public sealed class GatewayMessage
{
    // One structure for both the arrival order and the lookups: a message is built once per
    // request, so building a frozen or second index would cost more than every lookup it saves.
    private readonly OrderedDictionary<string, string> _fields;

    /// <summary>Wraps fields a parser has already checked: ordinal names, none repeated.</summary>
    internal GatewayMessage(OrderedDictionary<string, string> fields) => _fields = fields;

    internal GatewayMessage(IReadOnlyList<KeyValuePair<string, string>> fields)
        : this(Index(fields))
    {
    }

    /// <summary>The fields in the order they arrived.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The value of a field, or the empty string when it is absent.</summary>
    public string this[string name] => _fields.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>The indexer as a function, for the signer and the shape checks.</summary>
    public string? ValueOf(string name) => this[name];

    /// <summary>The received <c>signValue</c>.</summary>
    public string SignValue => this["signValue"];

    public bool Contains(string name) => _fields.ContainsKey(name);

    /// <summary>Builds a message from fields; rejects a repeated name.</summary>
    public static GatewayMessage FromFields(IEnumerable<KeyValuePair<string, string>> fields)
        => new(Index(fields));

    /// <summary>Lists the field names only: values may be personal or secret.</summary>
    public override string ToString() => $"GatewayMessage({string.Join(", ", _fields.Keys)})";

    internal static OrderedDictionary<string, string> NewFields(int capacity) => new(capacity, StringComparer.Ordinal);

    private static OrderedDictionary<string, string> Index(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var indexed = NewFields(fields.TryGetNonEnumeratedCount(out var count) ? count : 32);
        foreach (var (name, value) in fields)
        {
            if (!indexed.TryAdd(name, value))
            {
                throw new ArgumentException($"The field '{name}' appears more than once.", nameof(fields));
            }
        }

        return indexed;
    }
}
