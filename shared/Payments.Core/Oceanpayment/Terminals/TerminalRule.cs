using System.Collections.Frozen;
using System.Globalization;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>
/// One configured terminal and the payments it takes: its methods, and optionally the currencies,
/// the amount range (from <see cref="MinAmount"/> inclusive up to <see cref="MaxAmount"/> exclusive, in
/// the payment's currency) and the billing countries. An empty filter takes anything; a terminal that
/// serves no method takes no new payment but still verifies and settles the payments made on it.
/// </summary>
public sealed record TerminalRule
{
    /// <summary>Where the rule was configured, for example <c>Oceanpayment:Terminals:1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The account and terminal: what requests are signed with and results verified against.</summary>
    public required TerminalKey Key { get; init; }

    public required IReadOnlySet<PaymentMethod> Methods { get; init; }

    /// <summary>ISO 4217 codes; empty takes every currency.</summary>
    public IReadOnlySet<string> Currencies { get; init; } = FrozenSet<string>.Empty;

    /// <summary>The smallest amount taken (inclusive); null for no lower bound.</summary>
    public decimal? MinAmount { get; init; }

    /// <summary>The amount from which the terminal no longer takes payments (exclusive); null for no upper bound.</summary>
    public decimal? MaxAmount { get; init; }

    /// <summary>ISO 3166-1 alpha-2 billing countries; empty takes every country.</summary>
    public IReadOnlySet<string> Countries { get; init; } = FrozenSet<string>.Empty;

    /// <summary>A rule that takes every payment of the given methods.</summary>
    public static TerminalRule Serving(string name, TerminalKey key, params PaymentMethod[] methods)
        => new() { Name = name, Key = key, Methods = methods.ToFrozenSet() };

    /// <summary>True when this terminal takes a payment of this method, amount and billing country.</summary>
    public bool Takes(PaymentMethod method, Money amount, string? billingCountry)
    {
        if (!Methods.Contains(method) || (Currencies.Count > 0 && !Currencies.Contains(amount.Currency.Code)))
        {
            return false;
        }

        if (Countries.Count > 0 && (billingCountry is null || !Countries.Contains(billingCountry)))
        {
            return false;
        }

        var value = ToDecimal(amount);
        return (MinAmount is not { } min || value >= min) && (MaxAmount is not { } max || value < max);
    }

    /// <summary>The rule in plain words, for the payment's timeline: <c>Oceanpayment:Terminals:0 (card; EUR; from 100.00)</c>.</summary>
    public string Describe()
    {
        var parts = new List<string> { Methods.Count == 0 ? "no method" : string.Join(", ", Methods.Order().Select(MethodNames.ToApi)) };
        if (Currencies.Count > 0)
        {
            parts.Add(string.Join(", ", Currencies.Order(StringComparer.Ordinal)));
        }

        if (MinAmount is { } min && MaxAmount is { } max)
        {
            parts.Add($"from {Text(min)} up to {Text(max)}");
        }
        else if (MinAmount is { } from)
        {
            parts.Add($"from {Text(from)}");
        }
        else if (MaxAmount is { } below)
        {
            parts.Add($"below {Text(below)}");
        }

        if (Countries.Count > 0)
        {
            parts.Add($"billed in {string.Join(", ", Countries.Order(StringComparer.Ordinal))}");
        }

        return $"{Name} ({string.Join("; ", parts)})";
    }

    /// <summary>
    /// Reads a rule from its settings' text. Each problem is added to <paramref name="errors"/> with the
    /// setting's name (<paramref name="name"/> plus <c>:Methods</c>, <c>:Currencies</c>, ...); the rule is
    /// null when there was any.
    /// </summary>
    public static TerminalRule? Parse(string name, TerminalKey key, TerminalRuleText text, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var methods = new HashSet<PaymentMethod>();
        foreach (var entry in List(text.Methods))
        {
            if (!MethodNames.TryParse(entry, out var method))
            {
                errors.Add($"{name}:Methods names '{entry}', which is not a payment method; use {string.Join(", ", MethodNames.All)}.");
            }
            else if (!methods.Add(method))
            {
                errors.Add($"{name}:Methods names {entry} twice.");
            }
        }

        var currencies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in List(text.Currencies).Select(c => c.ToUpperInvariant()))
        {
            if (!Currency.IsActive(entry))
            {
                errors.Add($"{name}:Currencies names '{entry}', which is not an active ISO 4217 currency code.");
            }
            else if (!currencies.Add(entry))
            {
                errors.Add($"{name}:Currencies names {entry} twice.");
            }
        }

        var countries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in List(text.Countries).Select(c => c.ToUpperInvariant()))
        {
            if (entry is not { Length: 2 } || !entry.All(char.IsAsciiLetterUpper))
            {
                errors.Add($"{name}:Countries names '{entry}', which is not a two-letter ISO 3166-1 country code.");
            }
            else if (!countries.Add(entry))
            {
                errors.Add($"{name}:Countries names {entry} twice.");
            }
        }

        var min = Amount($"{name}:MinAmount", text.MinAmount, currencies, errors);
        var max = Amount($"{name}:MaxAmount", text.MaxAmount, currencies, errors);
        if (min is { } low && max is { } high && high <= low)
        {
            errors.Add($"{name}:MaxAmount ({Text(high)}) must be greater than {name}:MinAmount ({Text(low)}): the range takes from the minimum up to, not including, the maximum.");
        }

        return errors.Count > before
            ? null
            : new TerminalRule
            {
                Name = name,
                Key = key,
                Methods = methods.ToFrozenSet(),
                Currencies = currencies.ToFrozenSet(StringComparer.Ordinal),
                Countries = countries.ToFrozenSet(StringComparer.Ordinal),
                MinAmount = min,
                MaxAmount = max,
            };
    }

    private static decimal? Amount(string setting, string? text, HashSet<string> currencies, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Digits with an optional fraction, as Money.TryParseDecimal reads them ("5." and ".5" are not amounts).
        if (text.Trim() is ['.', ..] or [.., '.'] || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add($"{setting} is '{text}', which is not an amount: digits with an optional decimal point, in the payment's currency (for example 100.00).");
            return null;
        }

        // An amount the listed currencies cannot express (JPY 100.5) would be a bound no payment can sit on.
        if (currencies.Select(Currency.Parse).FirstOrDefault(c => !Money.TryParseDecimal(text.Trim(), c, out _)) is { Code: not null } currency)
        {
            errors.Add($"{setting} is {text}, which has more decimals than {currency.Code} has ({currency.Exponent}).");
            return null;
        }

        return value;
    }

    // new decimal(1, 0, 0, false, e) is exactly 10^-e.
    private static decimal ToDecimal(Money amount)
        => amount.MinorUnits * new decimal(1, 0, 0, false, (byte)amount.Currency.Exponent);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> List(string? text)
        => (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
