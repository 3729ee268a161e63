using Payments.LocalHost.Timers;

namespace Payments.LocalHost.Tests;

/// <summary>The runner's schedules, as the host's timer trigger reads them (NCrontab, five or six fields).</summary>
public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 10, 20, 30, TimeSpan.Zero); // a Saturday

    [Theory]
    [InlineData("*/5 * * * * *", "2026-03-14T10:20:35Z")]
    [InlineData("0 */5 * * * *", "2026-03-14T10:25:00Z")]
    [InlineData("0 0 * * * *", "2026-03-14T11:00:00Z")]
    [InlineData("15,45 * * * * *", "2026-03-14T10:20:45Z")]
    [InlineData("0 0 9-17 * * *", "2026-03-14T11:00:00Z")]
    [InlineData("0 30 9 * * 1-5", "2026-03-16T09:30:00Z")]
    [InlineData("0 0 0 * * 0", "2026-03-15T00:00:00Z")]
    [InlineData("0 0 12 1 * *", "2026-04-01T12:00:00Z")]
    [InlineData("0 0 0 29 2 *", "2028-02-29T00:00:00Z")]
    [InlineData("30 20 10 14 3 *", "2027-03-14T10:20:30Z")]
    [InlineData("10-20/5 * * * * *", "2026-03-14T10:21:10Z")]
    [InlineData("0 0 0 * * SUN", "2026-03-15T00:00:00Z")]
    [InlineData("0 0 0 1 JAN *", "2027-01-01T00:00:00Z")]
    // Five fields: the host parses them without seconds.
    [InlineData("* * * * *", "2026-03-14T10:21:00Z")]
    [InlineData("30 9 * * 1-5", "2026-03-16T09:30:00Z")]
    public void GetNextOccurrence_ReturnsFirstMatchStrictlyAfter(string expression, string expected)
        => Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimerSchedule.Parse(expression).GetNextOccurrence(Start));

    [Fact]
    public void GetNextOccurrence_StartBetweenSeconds_IsTheNextWholeMatch()
        => Assert.Equal(Start.AddSeconds(5), TimerSchedule.Parse("*/5 * * * * *").GetNextOccurrence(Start.AddMilliseconds(400)));

    [Fact]
    public void GetNextOccurrence_StartWithAnOffset_IsEvaluatedInUtc()
        => Assert.Equal(
            new DateTimeOffset(2026, 3, 14, 11, 0, 0, TimeSpan.Zero),
            TimerSchedule.Parse("0 0 * * * *").GetNextOccurrence(new DateTimeOffset(2026, 3, 14, 12, 20, 30, TimeSpan.FromHours(2))));

    [Fact]
    public void GetNextOccurrence_DateThatNeverExists_Throws()
        => Assert.Throws<InvalidOperationException>(() => TimerSchedule.Parse("0 0 0 30 2 *").GetNextOccurrence(Start));

    [Fact]
    public void TimeSpanSchedule_AddsTheInterval()
        => Assert.Equal(Start.AddMinutes(5), TimerSchedule.Parse("00:05:00").GetNextOccurrence(Start));

    [Theory]
    [InlineData("* * * *")]
    [InlineData("* * * * * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("* * 24 * * *")]
    [InlineData("* * * 0 * *")]
    [InlineData("0 0 0 * * 7")] // NCrontab's day of week is 0-6 only
    [InlineData("a * * * * *")]
    [InlineData("00:00:00")]
    public void Parse_InvalidExpression_Throws(string expression)
        => Assert.Throws<FormatException>(() => TimerSchedule.Parse(expression));
}
