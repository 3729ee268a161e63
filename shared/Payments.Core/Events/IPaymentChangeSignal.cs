namespace Payments.Core.Events;

/// <summary>
/// Tells the change projector that an order's partition is about to hold change number
/// <paramref name="sequence"/>. <see cref="SignalAsync"/> is called before the write is committed, so a
/// crash right after the commit cannot lose the signal; <see cref="ConcludeAsync"/> after it, with what
/// became of the write. The projector waits for the sequence to appear and drops the signal if it never
/// does (the write failed or lost a race, and the winner signals its own).
/// </summary>
public interface IPaymentChangeSignal
{
    /// <summary>Durably signals the change (before its write) and returns the handle to conclude it with.</summary>
    Task<ChangeSignal> SignalAsync(string orderNumber, long sequence, CancellationToken cancellationToken);

    /// <summary>
    /// After the write: <see cref="WriteOutcome.Committed"/> or <see cref="WriteOutcome.Unknown"/> has the
    /// change projected as soon as possible (the durable signal stays until the projection is done);
    /// <see cref="WriteOutcome.NotCommitted"/> withdraws the signal. Never throws for a storage failure:
    /// the durable signal is then left to do its work.
    /// </summary>
    Task ConcludeAsync(ChangeSignal signal, WriteOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>A signalled change: the order, the change number and the transport's handle of the durable signal.</summary>
public sealed record ChangeSignal(string OrderNumber, long Sequence, string? Handle);

/// <summary>What became of a write that was signalled.</summary>
public enum WriteOutcome
{
    /// <summary>The storage answered that the write committed.</summary>
    Committed,

    /// <summary>The storage refused the write (version conflict, duplicate row): it certainly did not commit.</summary>
    NotCommitted,

    /// <summary>No answer (timeout, crash of the connection): it may have committed.</summary>
    Unknown,
}
