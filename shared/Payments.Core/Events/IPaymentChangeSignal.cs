namespace Payments.Core.Events;

/// <summary>
/// Tells the change projector that an order's partition is about to hold change number
/// <paramref name="sequence"/>. Sent before the write is committed (so a crash right after the commit
/// cannot lose it) and delivered a little later; the projector waits for the sequence to appear and
/// drops the signal if it never does (the write failed or lost a race, and the winner signals its own).
/// </summary>
public interface IPaymentChangeSignal
{
    Task SignalAsync(string orderNumber, long sequence, CancellationToken cancellationToken);
}
