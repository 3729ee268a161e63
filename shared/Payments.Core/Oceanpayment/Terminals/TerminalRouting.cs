using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>
/// Which terminal takes a payment: the configured terminals in order, each with its <see cref="TerminalRule"/>;
/// the first that takes the payment's method, currency, amount and billing country wins. Consulted once per
/// payment, when it is created; the payment keeps its account and terminal from then on. Also the list of
/// every configured terminal, routed or not, whose secure code must load.
/// </summary>
public sealed class TerminalRouting
{
    private readonly TerminalRule[] _rules;

    private TerminalRouting(TerminalRule[] rules, MethodCatalogue methods)
    {
        _rules = rules;
        Methods = methods;
    }

    /// <summary>The gateway's <c>methods</c> string and endpoint of each method.</summary>
    public MethodCatalogue Methods { get; }

    public IReadOnlyList<TerminalRule> Rules => _rules;

    /// <summary>Every configured account and terminal, in order.</summary>
    public IEnumerable<TerminalKey> Terminals => _rules.Select(r => r.Key);

    /// <summary>
    /// Checks the rules as a whole and builds the routing. Refused: no rule; a terminal listed twice; a
    /// terminal that is a prefix of another (a signed result glues the terminal to the order number, so
    /// characters could be re-split between the two); no terminal serving any method.
    /// </summary>
    public static TerminalRouting? Create(IReadOnlyList<TerminalRule> rules, MethodCatalogue methods, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            foreach (var earlier in rules.Take(i))
            {
                if (earlier.Key.Terminal == rule.Key.Terminal)
                {
                    errors.Add($"{rule.Name}:Terminal repeats terminal {rule.Key.Terminal} of {earlier.Name}; list each terminal once, with all the methods it takes.");
                }
                else if (earlier.Key.Terminal.StartsWith(rule.Key.Terminal, StringComparison.Ordinal) || rule.Key.Terminal.StartsWith(earlier.Key.Terminal, StringComparison.Ordinal))
                {
                    errors.Add($"{rule.Name}:Terminal and terminal {earlier.Key.Terminal} of {earlier.Name} start alike: no terminal may be a prefix of another.");
                }
            }
        }

        if (rules.Count > 0 && rules.All(r => r.Methods.Count == 0))
        {
            errors.Add($"No terminal serves any payment method: set {rules[0].Name}:Methods (a comma list of {string.Join(", ", MethodNames.All)}).");
        }

        return errors.Count > before ? null : new TerminalRouting([.. rules], methods);
    }

    /// <summary>The routing of rules known to be sound, with the seed's method strings; throws otherwise.</summary>
    public static TerminalRouting Of(params TerminalRule[] rules)
    {
        var errors = new List<string>();
        return Create(rules, MethodCatalogue.Default, errors) ?? throw new ArgumentException(string.Join(" ", errors), nameof(rules));
    }

    /// <summary>True when some terminal takes this method at all (whatever the currency, amount or country).</summary>
    public bool Offers(PaymentMethod method) => _rules.Any(r => r.Methods.Contains(method));

    /// <summary>The first terminal that takes the payment, or null when none does.</summary>
    public TerminalRule? Choose(PaymentMethod method, Money amount, string? billingCountry)
        => Array.Find(_rules, r => r.Takes(method, amount, billingCountry));

    /// <summary>How a payment of this method is sent on the terminal it was routed to.</summary>
    public MethodRoute RouteOn(PaymentMethod method, string terminal) => Methods.RouteOn(method, terminal);
}
