using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Payments.Core.Amounts;

/// <summary>An ISO 4217 currency with the number of decimal places of its minor unit.</summary>
public readonly record struct Currency
{
    // ISO 4217 list one as data (Amounts/iso4217.csv, embedded): only active codes, each with its
    // minor-unit exponent. A code that is merely shaped like a currency (XYZ) is not one.
    private static readonly FrozenDictionary<string, int> Exponents = LoadTable();

    private Currency(string code, int exponent)
    {
        Code = code;
        Exponent = exponent;
    }

    /// <summary>The three-letter upper-case code, for example <c>USD</c>.</summary>
    public string Code { get; }

    /// <summary>Decimal places of the minor unit: 2 for USD, 0 for JPY, 3 for KWD.</summary>
    public int Exponent { get; }

    /// <summary>Every active code in the table.</summary>
    public static IEnumerable<string> ActiveCodes => Exponents.Keys;

    /// <summary>True for an active ISO 4217 code, upper case only (as the gateway sends it).</summary>
    public static bool IsActive([NotNullWhen(true)] string? code) => code is { Length: 3 } && Exponents.ContainsKey(code);

    /// <summary>Parses an active three-letter ISO 4217 code (upper case only, as the gateway sends it).</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out Currency currency)
    {
        currency = default;
        if (code is not { Length: 3 } || !Exponents.TryGetValue(code, out var exponent))
        {
            return false;
        }

        currency = new Currency(code, exponent);
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/>.</summary>
    public static Currency Parse(string code)
        => TryParse(code, out var currency)
            ? currency
            : throw new FormatException("A currency must be an active three-letter upper-case ISO 4217 code.");

    public override string ToString() => Code ?? string.Empty;

    private static FrozenDictionary<string, int> LoadTable()
    {
        using var stream = typeof(Currency).Assembly.GetManifestResourceStream("Payments.Core.Amounts.iso4217.csv")
            ?? throw new InvalidOperationException("The ISO 4217 table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts is not [{ Length: 3 } code, { Length: 1 } digit] || !code.All(char.IsAsciiLetterUpper) || digit[0] is < '0' or > '4')
            {
                throw new InvalidOperationException($"Bad line in the ISO 4217 table: '{line}'.");
            }

            table.Add(code, digit[0] - '0');
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
