namespace Payments.Core.Application;

/// <summary>
/// When to query a payment that is not final: an exponential schedule with jitter, up to a horizon.
/// </summary>
public sealed record ReconcilePolicy
{
    /// <summary>Delays between checks; the last one repeats until the horizon.</summary>
    public IReadOnlyList<TimeSpan> Schedule { get; init; } =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
        TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(24),
    ];

    /// <summary>After this long since the payment was sent, a payment still open goes to review.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(3);

    /// <summary>
    /// After this long since it was asked for, a refund still pending is flagged for a person. Oceanpayment
    /// keeps a refund in review while the merchant balance is short and re-checks it for up to 30 days.
    /// </summary>
    public TimeSpan RefundHorizon { get; init; } = TimeSpan.FromDays(31);

    /// <summary>A payment the gateway has no record of is failed only after this long (the request may still be in flight).</summary>
    public TimeSpan NotFoundGracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Up to this fraction of each delay is added at random so checks do not arrive in waves.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>
    /// How long past a payment's next scheduled check the sweep waits before it assumes the check
    /// was lost (a crash before the enqueue, a dropped message) and reconciles the payment itself.
    /// </summary>
    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A live status check while a shopper waits (a browser return that claims success) gives up after this long.</summary>
    public TimeSpan LiveCheckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>At most one live status check per payment in this interval, however often a return is replayed.</summary>
    public TimeSpan LiveCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most index rows one sweep run reconciles (100 per status query).</summary>
    public int SweepLimit { get; init; } = 10_000;

    /// <summary>When the sweep should look at a payment whose next check is <paramref name="delay"/> from <paramref name="now"/>.</summary>
    public DateTimeOffset SweepDueAt(DateTimeOffset now, TimeSpan delay) => now + delay + SweepGrace;

    public TimeSpan DelayFor(int attempt, Random? random = null)
    {
        var index = Math.Clamp(attempt, 0, Schedule.Count - 1);
        var delay = Schedule[index];
        var factor = 1 + ((random ?? Random.Shared).NextDouble() * Jitter);
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }
}
