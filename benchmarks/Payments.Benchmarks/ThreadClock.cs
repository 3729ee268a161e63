using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Payments.Benchmarks;

/// <summary>
/// The CPU time of the calling thread on Linux (<c>CLOCK_THREAD_CPUTIME_ID</c>), so a round is not
/// charged for the time other processes held the core; elsewhere the wall clock.
/// </summary>
internal static class ThreadClock
{
    private const int ClockThreadCpuTime = 3;

    private static readonly bool UsesThreadCpuTime = OperatingSystem.IsLinux() && TryRead(out _);

    public static string Kind => UsesThreadCpuTime ? "thread CPU time" : "wall clock";

    public static TimeSpan Now()
    {
        if (UsesThreadCpuTime && TryRead(out var now))
        {
            return now;
        }

        return Stopwatch.GetElapsedTime(0);
    }

    private static bool TryRead(out TimeSpan now)
    {
        try
        {
            if (clock_gettime(ClockThreadCpuTime, out var time) == 0)
            {
                now = TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        now = TimeSpan.Zero;
        return false;
    }

    // DllImport rather than LibraryImport: the struct is blittable and the project has no unsafe code.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
