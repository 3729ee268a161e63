namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>A terminal's routing settings as written: comma lists and decimal amounts, unchecked.</summary>
public sealed record TerminalRuleText(string? Methods, string? Currencies = null, string? MinAmount = null, string? MaxAmount = null, string? Countries = null);
