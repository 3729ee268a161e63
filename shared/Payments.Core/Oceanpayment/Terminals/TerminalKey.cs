namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>A merchant account and one of its terminals: what a secure code belongs to.</summary>
public readonly record struct TerminalKey(string Account, string Terminal)
{
    /// <summary>True when both parts have the protocol's shape (account 6 digits, terminal 8-12 digits).</summary>
    public bool IsWellFormed => Signing.FieldShapes.IsAccount(Account) && Signing.FieldShapes.IsTerminal(Terminal);

    public override string ToString() => $"{Account}/{Terminal}";
}
