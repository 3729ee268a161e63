namespace Payments.Infrastructure.Storage;

/// <summary>A storage client whose table or queue is created (if missing) once, before its first use.</summary>
public sealed class CreatedOnFirstUse<T>(T client, Func<T, CancellationToken, Task> create)
{
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _ready;

    public async ValueTask<T> ReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return client;
        }

        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await create(client, cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _createGate.Release();
        }

        return client;
    }
}
