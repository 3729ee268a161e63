namespace Oceanpayment.Sandbox.Tests.Support;

/// <summary>Base of test classes that need a fresh sandbox and a notice receiver per test.</summary>
public abstract class SandboxWithReceiver : IAsyncLifetime
{
    private RunningSandbox _sandbox = null!;
    private NoticeReceiver _receiver = null!;

    internal RunningSandbox Sandbox => _sandbox;

    internal NoticeReceiver Receiver => _receiver;

    internal HttpClient Client => _sandbox.Client;

    public async Task InitializeAsync()
    {
        _sandbox = await RunningSandbox.StartAsync();
        _receiver = await NoticeReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _sandbox.DisposeAsync();
    }
}
