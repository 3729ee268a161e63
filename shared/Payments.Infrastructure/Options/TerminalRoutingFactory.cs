using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Infrastructure.Options;

/// <summary>Reads the terminals' routing and the method strings from <see cref="OceanpaymentOptions"/> into a <see cref="TerminalRouting"/>.</summary>
internal static class TerminalRoutingFactory
{
    private const string P = OceanpaymentOptions.Section;

    /// <summary>The routing, or null with the reasons (each naming its setting) added to <paramref name="errors"/>.
    /// Terminals whose account or number is malformed are left to the options validator's own messages.</summary>
    public static TerminalRouting? Create(OceanpaymentOptions options, List<string> errors)
    {
        var before = errors.Count;
        var rules = new List<TerminalRule>();
        for (var i = 0; i < options.Terminals.Count; i++)
        {
            var terminal = options.Terminals[i];
            var key = options.KeyOf(terminal);
            var text = new TerminalRuleText(terminal.Methods, terminal.Currencies, terminal.MinAmount, terminal.MaxAmount, terminal.Countries);
            if (TerminalRule.Parse($"{P}:Terminals:{i}", key, text, errors) is { } rule && key.IsWellFormed)
            {
                rules.Add(rule);
            }
        }

        var strings = MethodStrings(options, errors);
        if (errors.Count > before || rules.Count < options.Terminals.Count)
        {
            return null;
        }

        return TerminalRouting.Create(rules, new MethodCatalogue(strings), errors);
    }

    /// <summary>The routing of options that have passed validation.</summary>
    public static TerminalRouting CreateValid(OceanpaymentOptions options)
    {
        var errors = new List<string>();
        return Create(options, errors) ?? throw new InvalidOperationException(string.Join(" ", errors));
    }

    private static Dictionary<PaymentMethod, string> MethodStrings(OceanpaymentOptions options, List<string> errors)
    {
        var strings = new Dictionary<PaymentMethod, string>();
        foreach (var (name, method) in options.Methods)
        {
            // Configuration keys are case-insensitive (an app setting may arrive as Oceanpayment__Methods__Card__Methods).
            if (!MethodNames.TryParse(name.ToLowerInvariant(), out var parsed))
            {
                errors.Add($"{P}:Methods:{name} is not a payment method; use one of {string.Join(", ", MethodNames.All)}.");
                continue;
            }

            if (method.Terminal is not null)
            {
                errors.Add($"{P}:Methods:{name}:Terminal is no longer read: list the method in {P}:Terminals:N:Methods of the terminal that takes it.");
            }

            if (method.Methods is not null)
            {
                if (string.IsNullOrWhiteSpace(method.Methods))
                {
                    errors.Add($"{P}:Methods:{name}:Methods cannot be blank.");
                }
                else
                {
                    strings[parsed] = method.Methods.Trim();
                }
            }
        }

        return strings;
    }
}
