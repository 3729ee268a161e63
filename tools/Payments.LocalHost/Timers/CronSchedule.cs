using System.Globalization;

namespace Payments.LocalHost.Timers;

/// <summary>
/// Six-field CRON (<c>second minute hour day month day-of-week</c>) as the Functions timer uses it.
/// Each field accepts <c>*</c>, a number, a list <c>a,b</c>, a range <c>a-b</c> and a step
/// (<c>*/n</c>, <c>a-b/n</c>, <c>a/n</c>). Day of week is 0-6 with Sunday 0 (7 is also Sunday).
/// Both the day and day-of-week fields must match, as in the host's NCrontab. Evaluated in UTC.
/// </summary>
public sealed class CronSchedule : TimerSchedule
{
    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;
    private readonly string _expression;

    private CronSchedule(string expression, bool[][] fields)
    {
        _expression = expression;
        (_seconds, _minutes, _hours, _days, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public static new CronSchedule Parse(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            throw new FormatException($"CRON expression '{expression}' must have six fields (second minute hour day month day-of-week).");
        }

        var daysOfWeek = ParseField(parts[5], 0, 7, expression);
        daysOfWeek[0] |= daysOfWeek[7];
        return new CronSchedule(expression, [
            ParseField(parts[0], 0, 59, expression),
            ParseField(parts[1], 0, 59, expression),
            ParseField(parts[2], 0, 23, expression),
            ParseField(parts[3], 1, 31, expression),
            ParseField(parts[4], 1, 12, expression),
            daysOfWeek,
        ]);
    }

    public override DateTimeOffset GetNextOccurrence(DateTimeOffset after)
    {
        var utc = after.ToUniversalTime();
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc).AddSeconds(1);
        // Every valid schedule fires within a few years (29 February needs up to eight).
        var limit = t.AddYears(9);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            }
            else if (!_days[t.Day] || !_daysOfWeek[(int)t.DayOfWeek])
            {
                t = t.Date.AddDays(1);
            }
            else if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!_minutes[t.Minute])
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(t.Minute + 1);
            }
            else if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
            }
            else
            {
                return new DateTimeOffset(t, TimeSpan.Zero);
            }
        }

        throw new InvalidOperationException($"CRON expression '{_expression}' never fires.");
    }

    public override string ToString() => _expression;

    private static bool[] ParseField(string field, int min, int max, string expression)
    {
        var allowed = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var rangeAndStep = item.Split('/');
            if (rangeAndStep.Length > 2)
            {
                throw Invalid(expression, item);
            }

            var step = rangeAndStep.Length == 2 ? ParseNumber(rangeAndStep[1], 1, max, expression) : 1;
            int from, to;
            if (rangeAndStep[0] == "*")
            {
                (from, to) = (min, max);
            }
            else if (rangeAndStep[0].Split('-') is [var low, var high])
            {
                (from, to) = (ParseNumber(low, min, max, expression), ParseNumber(high, min, max, expression));
                if (from > to)
                {
                    throw Invalid(expression, item);
                }
            }
            else
            {
                from = ParseNumber(rangeAndStep[0], min, max, expression);
                // "a/n" means from a to the end of the range in steps of n.
                to = rangeAndStep.Length == 2 ? max : from;
            }

            for (var value = from; value <= to; value += step)
            {
                allowed[value] = true;
            }
        }

        return allowed;
    }

    private static int ParseNumber(string text, int min, int max, string expression)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(expression, text);

    private static FormatException Invalid(string expression, string part)
        => new($"CRON expression '{expression}' has an invalid part '{part}'.");
}
