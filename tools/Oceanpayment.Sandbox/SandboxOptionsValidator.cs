using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Oceanpayment.Sandbox;

/// <summary>Stops startup with a clear message when the sandbox settings cannot work.</summary>
internal sealed partial class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var failures = new List<string>();
        if (options.Terminals.Count == 0)
        {
            failures.Add("Sandbox:Terminals must list at least one terminal.");
        }

        foreach (var terminal in options.Terminals)
        {
            if (!Account().IsMatch(terminal.Account) || !Terminal().IsMatch(terminal.Terminal))
            {
                failures.Add($"Sandbox:Terminals entry '{terminal.Account}/{terminal.Terminal}' needs a 6-digit account and an 8-12 digit terminal.");
            }

            if (string.IsNullOrEmpty(terminal.SecureCode))
            {
                failures.Add($"Sandbox:Terminals entry '{terminal.Account}/{terminal.Terminal}' has no SecureCode.");
            }
        }

        if (options.Terminals.GroupBy(t => (t.Account, t.Terminal)).Any(g => g.Count() > 1))
        {
            failures.Add("Sandbox:Terminals lists the same account and terminal twice.");
        }

        if (options.MaxNoticeAttempts < 1)
        {
            failures.Add("Sandbox:MaxNoticeAttempts must be at least 1.");
        }

        if (options.NoticeRetryDelays.Any(d => d < TimeSpan.Zero) || options.PendingResolveDelay < TimeSpan.Zero
            || options.RefundSettleDelay < TimeSpan.Zero
            || options.TimeoutAfterCommitDelay < TimeSpan.Zero || options.NoticeTimeout <= TimeSpan.Zero)
        {
            failures.Add("Sandbox delays must not be negative (NoticeTimeout must be positive).");
        }

        if (!string.IsNullOrEmpty(options.PublicBaseUrl) && !Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out _))
        {
            failures.Add("Sandbox:PublicBaseUrl must be an absolute URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex Account();

    [GeneratedRegex("^[0-9]{8,12}$")]
    private static partial Regex Terminal();
}
