using Microsoft.AspNetCore.Builder;

namespace Oceanpayment.Sandbox.Tests.Support;

/// <summary>A sandbox on 127.0.0.1 with a free port, fast delays, and an HttpClient pointed at it.</summary>
internal sealed class RunningSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSandbox(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<RunningSandbox> StartAsync(Action<SandboxOptions>? configure = null, params string[] extraArgs)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. extraArgs];
        var app = SandboxApp.Build(args, options =>
        {
            options.PendingResolveDelay = TimeSpan.FromMilliseconds(150);
            options.NoticeRetryDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(40)];
            options.TimeoutAfterCommitDelay = TimeSpan.FromSeconds(20);
            options.RefundSettleDelay = TimeSpan.FromMilliseconds(150);
            configure?.Invoke(options);
        });
        await app.StartAsync();
        return new RunningSandbox(app, SandboxApp.BaseAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
