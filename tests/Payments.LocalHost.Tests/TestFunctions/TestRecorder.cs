using System.Collections.Concurrent;

namespace Payments.LocalHost.Tests.TestFunctions;

/// <summary>What the test functions saw; one per runner instance.</summary>
public sealed class TestRecorder
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public TaskCompletionSource<TimerInfoSnapshot> TimerRan { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<QueuedOrder> OrderReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int FailingAttempts;
}

public sealed record TimerInfoSnapshot(bool IsPastDue, DateTime Next);
