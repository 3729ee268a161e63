using System.Threading.Channels;

namespace Payments.Infrastructure.Prompt;

/// <summary>
/// Work this process does right away for a queue message it has just sent with a delay. The message is
/// the safety net: it becomes visible only after the delay, and the work deletes it once done, so the
/// queue trigger sees it only when this process died, fell behind or failed. A lane is open only while
/// its <see cref="PromptLaneService{T}"/> runs (the app is hosted); a sender that finds it closed sends
/// its message to be handled by the queue at once, as before.
/// </summary>
public sealed class PromptLane<T>
{
    private readonly Channel<T> _channel;
    private volatile bool _open;

    public PromptLane(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false });
    }

    /// <summary>True while a service takes the lane's work: a sender may then rely on it and delay its message.</summary>
    public bool IsOpen => _open;

    /// <summary>Hands the work over; false when the lane is closed or full (the queued message must then do it).</summary>
    public bool TryPost(T item) => _open && _channel.Writer.TryWrite(item);

    internal ChannelReader<T> Reader => _channel.Reader;

    internal void Open() => _open = true;

    internal void Close() => _open = false;
}
