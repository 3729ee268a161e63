namespace Oceanpayment.Cli;

/// <summary>What <c>opay</c> returns to the shell.</summary>
public static class ExitCodes
{
    /// <summary>Signed, or the signature is valid.</summary>
    public const int Ok = 0;

    /// <summary><c>verify</c>: the message parsed but its signature does not match.</summary>
    public const int InvalidSignature = 1;

    /// <summary>Bad arguments, a missing secure code, or input that cannot be parsed.</summary>
    public const int UsageOrInput = 2;
}
