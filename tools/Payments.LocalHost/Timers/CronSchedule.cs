using NCrontab;

namespace Payments.LocalHost.Timers;

/// <summary>
/// A CRON schedule evaluated by NCrontab, the library the Functions host's timer trigger uses, with
/// the host's rule for the format: five fields are <c>minute hour day month day-of-week</c>, any
/// other count is parsed with a leading seconds field (<c>second minute hour day month day-of-week</c>).
/// Evaluated in UTC (the runner does not support <c>WEBSITE_TIME_ZONE</c>).
/// </summary>
public sealed class CronSchedule : TimerSchedule
{
    private readonly CrontabSchedule _schedule;
    private readonly string _expression;

    private CronSchedule(string expression, CrontabSchedule schedule)
    {
        _expression = expression;
        _schedule = schedule;
    }

    public static new CronSchedule Parse(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var withSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5;
        try
        {
            return new CronSchedule(expression, CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = withSeconds }));
        }
        catch (CrontabException exception)
        {
            throw new FormatException($"CRON expression '{expression}' is not valid: {exception.Message}", exception);
        }
    }

    public override DateTimeOffset GetNextOccurrence(DateTimeOffset after)
    {
        DateTime next;
        try
        {
            next = _schedule.GetNextOccurrence(after.UtcDateTime);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            // NCrontab searches up to year 9999 for a date that does not exist (30 February) and fails there.
            throw new InvalidOperationException($"CRON expression '{_expression}' never fires.", exception);
        }

        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    public override string ToString() => _expression;
}
