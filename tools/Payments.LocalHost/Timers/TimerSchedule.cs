using System.Globalization;

namespace Payments.LocalHost.Timers;

/// <summary>A timer trigger's schedule: six-field CRON or a fixed <c>hh:mm:ss</c> interval. Times are UTC.</summary>
public abstract class TimerSchedule
{
    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public abstract DateTimeOffset GetNextOccurrence(DateTimeOffset after);

    public static TimerSchedule Parse(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var trimmed = expression.Trim();
        if (!trimmed.Contains(' ', StringComparison.Ordinal)
            && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var interval))
        {
            return interval > TimeSpan.Zero
                ? new IntervalSchedule(interval)
                : throw new FormatException($"Timer interval '{expression}' must be positive.");
        }

        return CronSchedule.Parse(trimmed);
    }

    private sealed class IntervalSchedule(TimeSpan interval) : TimerSchedule
    {
        public override DateTimeOffset GetNextOccurrence(DateTimeOffset after) => after + interval;

        public override string ToString() => interval.ToString("c", CultureInfo.InvariantCulture);
    }
}
