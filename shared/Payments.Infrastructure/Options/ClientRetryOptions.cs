using Azure.Core;

namespace Payments.Infrastructure.Options;

/// <summary>
/// How an Azure SDK client waits and retries: the network timeout of one try and an exponential
/// retry. Bound from <c>Storage:Retry</c> and <c>KeyVault:Retry</c>; the SDK's own defaults (100 s per
/// try) would let a hung dependency hold a request far longer than any caller waits.
/// </summary>
public sealed class ClientRetryOptions
{
    /// <summary>The longest one try (send and read the answer) may take before it counts as failed.</summary>
    public TimeSpan NetworkTimeout { get; set; }

    /// <summary>Tries after the first.</summary>
    public int MaxRetries { get; set; }

    /// <summary>The first retry's delay; it doubles per retry up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan Delay { get; set; }

    public TimeSpan MaxDelay { get; set; }

    internal void ApplyTo(ClientOptions options)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = Delay;
        options.Retry.MaxDelay = MaxDelay;
    }

    /// <summary>Adds the errors of one section's retry settings, naming each key.</summary>
    internal void Check(string prefix, List<string> errors)
    {
        if (NetworkTimeout < TimeSpan.FromMilliseconds(100) || NetworkTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{prefix}:NetworkTimeout must be from 00:00:00.1 to 00:02:00.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            errors.Add($"{prefix}:MaxRetries must be from 0 to 10.");
        }

        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{prefix}:Delay must be from 0 to 00:00:30.");
        }

        if (MaxDelay < Delay || MaxDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{prefix}:MaxDelay must be at least {prefix}:Delay and at most 00:01:00.");
        }
    }
}
