using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Infrastructure.Tests.Webhooks;

/// <summary>
/// A merchant's receiver on 127.0.0.1: every POST to <c>/hooks/{name}</c> is kept with its headers and
/// exact body bytes, and answered as <see cref="Behaviour"/> says for that name (200 by default).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Per receiver name: the status to answer to its n-th request (1-based); null means hang until the caller gives up.</summary>
    public ConcurrentDictionary<string, Func<int, int?>> Behaviour { get; } = new(StringComparer.Ordinal);

    public Uri BaseUri { get; private set; } = null!;

    public Uri Url(string name, string query = "") => new(BaseUri, $"hooks/{name}{query}");

    public IReadOnlyList<Received> For(string name) => [.. Requests.Where(r => r.Name == name)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var app = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production }).Also(b => b.Logging.ClearProviders())
            .Also(b => b.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0))).Build();
        var receiver = new WebhookReceiver(app);
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        app.MapPost("/hooks/{name}", async (string name, HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var n = counts.AddOrUpdate(name, 1, (_, c) => c + 1);
            var status = receiver.Behaviour.TryGetValue(name, out var behaviour) ? behaviour(n) : 200;
            receiver.Requests.Enqueue(new Received(
                name,
                n,
                DateTimeOffset.UtcNow,
                context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(),
                context.Request.ContentType ?? string.Empty,
                buffer.ToArray(),
                status));
            if (status is null)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.StatusCode(500);
            }

            return Results.StatusCode(status.Value);
        });
        await app.StartAsync();
        receiver.BaseUri = new Uri(app.Urls.Single() + "/");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One request as the receiver saw it, and the status it answered (null: it never answered).</summary>
    public sealed record Received(string Name, int Number, DateTimeOffset At, string Id, string Timestamp, string Signature, string ContentType, byte[] Body, int? Status);
}

internal static class BuilderExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
