using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Payments.Core.Amounts;

/// <summary>An ISO 4217 currency with the number of decimal places of its minor unit.</summary>
public readonly record struct Currency
{
    // ISO 4217 minor-unit exponents that differ from the common 2. Anything not listed here and
    // shaped like a currency code is taken as exponent 2.
    private static readonly FrozenDictionary<string, int> NonDefaultExponents = new Dictionary<string, int>
    {
        ["BIF"] = 0,
        ["CLP"] = 0,
        ["DJF"] = 0,
        ["GNF"] = 0,
        ["ISK"] = 0,
        ["JPY"] = 0,
        ["KMF"] = 0,
        ["KRW"] = 0,
        ["PYG"] = 0,
        ["RWF"] = 0,
        ["UGX"] = 0,
        ["UYI"] = 0,
        ["VND"] = 0,
        ["VUV"] = 0,
        ["XAF"] = 0,
        ["XOF"] = 0,
        ["XPF"] = 0,
        ["BHD"] = 3,
        ["IQD"] = 3,
        ["JOD"] = 3,
        ["KWD"] = 3,
        ["LYD"] = 3,
        ["OMR"] = 3,
        ["TND"] = 3,
        ["CLF"] = 4,
        ["UYW"] = 4,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private Currency(string code, int exponent)
    {
        Code = code;
        Exponent = exponent;
    }

    /// <summary>The three-letter upper-case code, for example <c>USD</c>.</summary>
    public string Code { get; }

    /// <summary>Decimal places of the minor unit: 2 for USD, 0 for JPY, 3 for KWD.</summary>
    public int Exponent { get; }

    /// <summary>Parses a three-letter ISO 4217 code (upper case only, as the gateway sends it).</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out Currency currency)
    {
        currency = default;
        if (code is null || code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        currency = new Currency(code, NonDefaultExponents.TryGetValue(code, out var exponent) ? exponent : 2);
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/>.</summary>
    public static Currency Parse(string code)
        => TryParse(code, out var currency)
            ? currency
            : throw new FormatException("A currency must be a three-letter upper-case ISO 4217 code.");

    public override string ToString() => Code ?? string.Empty;
}
