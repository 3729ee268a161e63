using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Payments.Infrastructure.Tests.Support;

/// <summary>A loopback HTTP server that records each request and answers with the configured handler.</summary>
internal sealed class LoopbackGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackGateway(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentQueue<(string Path, string ContentType, string Body)> Requests { get; } = new();

    /// <summary>What to answer; the default is a small XML body.</summary>
    public Func<HttpContext, Task> Answer { get; set; } = context => context.Response.WriteAsync("<response><payment_status>1</payment_status></response>");

    public static async Task<LoopbackGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gateway = new LoopbackGateway(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            gateway.Requests.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.ContentType ?? string.Empty, body));
            await gateway.Answer(context);
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        gateway.BaseUri = new Uri(address);
        return gateway;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
