using Microsoft.Extensions.DependencyInjection;
using Payments.LocalHost.Hosting;

namespace Payments.LocalHost.Tests;

public sealed class TimerTriggerTests
{
    [Fact]
    public async Task RunOnStartup_RunsOnceAtStart_WithNextOccurrenceFromSchedule()
    {
        await using var runner = await RunnerHarness.StartAsync(["Tick"]);

        var info = await runner.Recorder.TimerRan.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(info.IsPastDue);
        Assert.Equal(new DateTime(DateTime.UtcNow.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc), info.Next);
    }

    [Fact]
    public async Task RunTimerNowAsync_UnknownOrDisabledTimer_Throws()
    {
        await using var runner = await RunnerHarness.StartAsync(["Open"]);
        var listeners = runner.App.Services.GetRequiredService<TriggerListenerService>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => listeners.RunTimerNowAsync("Tick"));
    }
}
