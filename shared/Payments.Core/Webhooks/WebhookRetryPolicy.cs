namespace Payments.Core.Webhooks;

/// <summary>
/// When a webhook delivery is tried again, and when it is given up: attempt n (n &gt;= 1) that failed
/// waits <see cref="FirstDelay"/> x 2^(n-1), at most <see cref="MaxDelay"/>, spread by +/- <see cref="Jitter"/>;
/// a next attempt that would fall after <see cref="Horizon"/> from the first one is not made, and the
/// delivery is dead-lettered instead. With the defaults that is 16 attempts over about 2.7 days.
/// </summary>
public sealed record WebhookRetryPolicy
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(12);

    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(3);

    /// <summary>A fraction from 0 to 0.5: receivers that came back up are not hit by every retry at once.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The wait after failed attempt <paramref name="attempt"/>; <paramref name="random"/> in [0, 1) picks the jitter.</summary>
    public TimeSpan DelayAfter(int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var exponent = Math.Min(attempt - 1, 40);
        var plain = Math.Min(FirstDelay.TotalSeconds * Math.Pow(2, exponent), MaxDelay.TotalSeconds);
        var factor = 1 - Jitter + (2 * Jitter * Math.Clamp(random, 0, 1));
        return TimeSpan.FromSeconds(Math.Round(plain * factor, 3));
    }

    /// <summary>What to do after attempt <paramref name="attempt"/> of a delivery first tried at <paramref name="firstAttemptAt"/> ended at <paramref name="now"/>.</summary>
    public WebhookDecision Decide(int attempt, DateTimeOffset firstAttemptAt, DateTimeOffset now, bool delivered, double random)
    {
        if (delivered)
        {
            return WebhookDecision.Delivered;
        }

        var delay = DelayAfter(attempt, random);
        return now + delay - firstAttemptAt > Horizon
            ? WebhookDecision.DeadLetter
            : WebhookDecision.RetryAfter(attempt + 1, delay);
    }
}
