namespace Oceanpayment.Sandbox;

/// <summary>
/// Settings of the Oceanpayment sandbox, bound from the <c>Sandbox</c> configuration section
/// and then passed to the optional <c>configure</c> callback of <see cref="SandboxApp.Build"/>.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Sandbox";

    /// <summary>
    /// Merchant terminals the sandbox accepts, each with its secure code. Defaults: account
    /// <c>995149</c>, terminals <c>99514901</c> (cards and wallets), <c>99514902</c>
    /// (cards with 3-D Secure) and <c>99514903</c> (local payments), secure code <c>12345678</c>.
    /// A configured <c>Sandbox:Terminals</c> list replaces the defaults.
    /// </summary>
    public List<SandboxTerminalOptions> Terminals { get; set; } = DefaultTerminals();

    /// <summary>
    /// Delays between notice attempts. The first attempt is sent at once, attempt n+1 waits
    /// <c>NoticeRetryDelays[n-1]</c> (the last entry repeats). Default 0.2 s, 0.5 s, 1 s, 2 s.
    /// </summary>
    public List<TimeSpan> NoticeRetryDelays { get; set; } =
    [
        TimeSpan.FromMilliseconds(200),
        TimeSpan.FromMilliseconds(500),
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(2),
    ];

    /// <summary>Attempts per notice before the sandbox gives up (the gateway's documented limit is 5).</summary>
    public int MaxNoticeAttempts { get; set; } = 5;

    /// <summary>How long one notice attempt may take before it counts as failed. Default 5 s.</summary>
    public TimeSpan NoticeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay after which the <c>pending-then-*</c> scenarios settle. Default 3 s.</summary>
    public TimeSpan PendingResolveDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Delay after which an accepted refund settles (and its notice is sent). Default 3 s.</summary>
    public TimeSpan RefundSettleDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long the <c>timeout-after-commit</c> and <c>refund-answer-lost</c> scenarios hold the answer
    /// after the payment or refund was committed (it answers earlier only by noticing that the client dropped the connection).
    /// Default 120 s, longer than any sensible client timeout.
    /// </summary>
    public TimeSpan TimeoutAfterCommitDelay { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Base URL put in front of <c>pay_url</c> (the 3-D Secure challenge page), for example
    /// <c>http://localhost:5080</c>. Null or empty: taken from the incoming request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Verify F1 with <c>backUrl</c> inserted after <c>terminal</c> (the hosted-page order).
    /// Default false, matching the S2S order of the protocol notes.
    /// </summary>
    public bool IncludeBackUrlInF1 { get; set; }

    /// <summary>The built-in terminals used when no terminals are configured.</summary>
    /// <returns>A fresh list of the three default terminals.</returns>
    public static List<SandboxTerminalOptions> DefaultTerminals() =>
    [
        new() { Account = "995149", Terminal = "99514901", SecureCode = "12345678", Kind = SandboxTerminalKind.Cards },
        new() { Account = "995149", Terminal = "99514902", SecureCode = "12345678", Kind = SandboxTerminalKind.ThreeDSecure },
        new() { Account = "995149", Terminal = "99514903", SecureCode = "12345678", Kind = SandboxTerminalKind.LocalPayments },
    ];
}
