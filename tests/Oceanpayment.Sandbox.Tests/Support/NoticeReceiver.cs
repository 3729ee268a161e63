using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Oceanpayment.Sandbox.Tests.Support;

/// <summary>A loopback merchant endpoint: fails the first N notices, then answers <c>receive-ok</c>.</summary>
internal sealed class NoticeReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _remainingFailures;

    private NoticeReceiver(WebApplication app, int failFirst)
    {
        _app = app;
        _remainingFailures = failFirst;
    }

    public ConcurrentQueue<ReceivedNotice> Received { get; } = new();

    public string Url { get; private set; } = "";

    /// <summary>Body sent for a failed delivery; the status is 500 unless <see cref="FailWithOk"/> is set.</summary>
    public string FailureBody { get; init; } = "error";

    public bool FailWithOk { get; init; }

    public static async Task<NoticeReceiver> StartAsync(int failFirst = 0, string failureBody = "error", bool failWithOk = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new NoticeReceiver(app, failFirst) { FailureBody = failureBody, FailWithOk = failWithOk };
        app.MapPost("/notice", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedNotice(context.Request.ContentType ?? "", body));
            if (Interlocked.Decrement(ref receiver._remainingFailures) >= 0)
            {
                context.Response.StatusCode = receiver.FailWithOk ? 200 : 500;
                await context.Response.WriteAsync(receiver.FailureBody);
                return;
            }

            await context.Response.WriteAsync("receive-ok");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/notice";
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedNotice>> WaitForAsync(int count)
    {
        await Poll.UntilAsync(() => Received.Count >= count, $"{count} notice(s) at the receiver");
        return Received.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedNotice(string ContentType, string Body);
