using System.Net;
using System.Net.Sockets;

namespace Payments.Infrastructure.Tests.Support;

/// <summary>
/// A loopback TCP proxy a test can freeze. Frozen, it still accepts connections but moves no byte in
/// either direction, like an emulator process that was stopped (SIGSTOP) with its sockets open;
/// thawed, it forwards what it held, as the stopped process would on SIGCONT. Without a target it
/// is a blackhole: it accepts and never answers.
/// </summary>
internal sealed class FreezableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int? _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _acceptLoop;
    private TaskCompletionSource _open = Opened();
    private int _accepted;

    private FreezableProxy(int? targetPort, bool frozen)
    {
        _targetPort = targetPort;
        if (frozen)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far (each one a client that is, or was, waiting on us).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Forwards to <paramref name="targetPort"/> on loopback until frozen.</summary>
    public static FreezableProxy Forwarding(int targetPort) => new(targetPort, frozen: false);

    /// <summary>Accepts connections and never answers.</summary>
    public static FreezableProxy Blackhole() => new(null, frozen: true);

    public void Freeze()
    {
        lock (_connections)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Thaw()
    {
        if (_targetPort is null)
        {
            throw new InvalidOperationException("A blackhole has nothing to forward to.");
        }

        lock (_connections)
        {
            _open.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            _open.TrySetResult();
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop.
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private Task WhenOpen()
    {
        lock (_connections)
        {
            return _open.Task.WaitAsync(_stop.Token);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(client);
            }

            if (_targetPort is { } port)
            {
                _ = ForwardAsync(client, port);
            }
        }
    }

    private async Task ForwardAsync(TcpClient client, int port)
    {
        var upstream = new TcpClient();
        lock (_connections)
        {
            _connections.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
            var downstream = client.GetStream();
            var toTarget = upstream.GetStream();
            await Task.WhenAny(PumpAsync(downstream, toTarget), PumpAsync(toTarget, downstream));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A side went away: close both.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            await WhenOpen();
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            // Bytes read just before a freeze are held until the thaw, as a stopped process's socket buffers would be.
            await WhenOpen();
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
