namespace Oceanpayment.Sandbox;

/// <summary>One merchant terminal known to the sandbox.</summary>
public sealed class SandboxTerminalOptions
{
    /// <summary>Merchant account (6 digits).</summary>
    public string Account { get; set; } = "";

    /// <summary>Terminal number (8-12 digits).</summary>
    public string Terminal { get; set; } = "";

    /// <summary>The terminal's secure code, appended to every signed string.</summary>
    public string SecureCode { get; set; } = "";

    /// <summary>Which payment methods the terminal takes and whether cards go through 3-D Secure.</summary>
    public SandboxTerminalKind Kind { get; set; } = SandboxTerminalKind.Cards;
}
