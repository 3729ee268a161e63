using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Infrastructure.Gateway;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Gateway;

public sealed class HttpOceanpaymentClientTests : IAsyncLifetime
{
    private const string CardNumber = "4111111111111111";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly MethodRoute CardRoute = MethodCatalogue.Default.RouteOn(PaymentMethod.Card, "99514901");

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ListLogger<HttpOceanpaymentClient> _logger = new();
    private readonly HttpClient _http = new();
    private LoopbackGateway _gateway = null!;
    private PaymentsTelemetry _metrics = null!;
    private HttpOceanpaymentClient _client = null!;

    public async Task InitializeAsync()
    {
        _gateway = await LoopbackGateway.StartAsync();
        _metrics = new PaymentsTelemetry(_services.GetRequiredService<IMeterFactory>());
        _client = new HttpOceanpaymentClient(
            _http, _gateway.BaseUri, new Uri(_gateway.BaseUri, "/q-host"), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), _metrics, _logger);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        await _services.DisposeAsync();
    }

    private static GatewayForm Form() => GatewayForm.From(
    [
        new("account", "995149"),
        new("billing_firstName", "Zoë & Co"),
        new("card_number", CardNumber),
        new("signValue", "ABCDEF0123"),
    ]);

    [Fact]
    public async Task PayAsync_Answer_PostsTheFormEncodedBodyToTheRoutePath()
    {
        var call = await _client.PayAsync(CardRoute, Form(), None);

        Assert.True(call.Answered);
        Assert.Equal("<response><payment_status>1</payment_status></response>", Encoding.UTF8.GetString(call.Body!));
        var (path, contentType, body) = Assert.Single(_gateway.Requests);
        Assert.Equal("/gateway/direct/pay", path);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", contentType);
        Assert.Equal(Form().Encode(), body);
        Assert.Equal("Zoë & Co", GatewayForm.Parse(body).Value!["billing_firstName"]);
    }

    [Fact]
    public async Task QueryAsync_Answer_PostsToCheckNormalOnTheQueryHost()
    {
        var call = await _client.QueryAsync(Form(), None);

        Assert.True(call.Answered);
        Assert.Equal("/q-host/service/check/normal", Assert.Single(_gateway.Requests).Path);
    }

    [Fact]
    public async Task PayAsync_Http500_FailsWithTheStatusOnlyAndIsNotRetried()
    {
        _gateway.Answer = context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("server error");
        };

        var call = await _client.PayAsync(CardRoute, Form(), None);

        Assert.False(call.Answered);
        Assert.Equal("HTTP 500", call.Failure);
        Assert.Single(_gateway.Requests);
        AssertNothingSensitiveLogged();
    }

    [Fact]
    public async Task PayAsync_NoAnswerInTime_FailsAsTimeout()
    {
        _gateway.Answer = context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        var impatient = new HttpOceanpaymentClient(
            _http, _gateway.BaseUri, _gateway.BaseUri, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300), _metrics, _logger);

        var call = await impatient.PayAsync(CardRoute, Form(), None);

        Assert.False(call.Answered);
        Assert.Equal("timed out after 0.3 s", call.Failure);
        AssertNothingSensitiveLogged();
    }

    [Fact]
    public async Task PayAsync_CallerCancels_Throws()
    {
        _gateway.Answer = context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.PayAsync(CardRoute, Form(), cancel.Token));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PayAsync_AnswerOver64KiB_FailsAsTooLarge(bool declareLength)
    {
        var big = new byte[HttpOceanpaymentClient.MaxAnswerBytes + 1];
        _gateway.Answer = async context =>
        {
            if (declareLength)
            {
                context.Response.ContentLength = big.Length;
            }

            await context.Response.Body.WriteAsync(big);
        };

        var call = await _client.PayAsync(CardRoute, Form(), None);

        Assert.Equal("answer too large", call.Failure);
    }

    [Fact]
    public async Task PayAsync_AnswerOfExactly64KiB_IsAccepted()
    {
        var body = new byte[HttpOceanpaymentClient.MaxAnswerBytes];
        _gateway.Answer = context => context.Response.Body.WriteAsync(body).AsTask();

        var call = await _client.PayAsync(CardRoute, Form(), None);

        Assert.Equal(body.Length, call.Body!.Length);
    }

    [Fact]
    public async Task PayAsync_NothingListening_FailsAsConnectionFailure()
    {
        var port = _gateway.BaseUri.Port;
        await _gateway.DisposeAsync();
        _gateway = await LoopbackGateway.StartAsync();
        var client = new HttpOceanpaymentClient(
            _http, new Uri($"http://127.0.0.1:{port}"), _gateway.BaseUri, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), _metrics, _logger);

        var call = await client.PayAsync(CardRoute, Form(), None);

        Assert.False(call.Answered);
        Assert.StartsWith("connection failed", call.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayAsync_AnyOutcome_RecordsGatewayLatency()
    {
        var measurements = new List<(double Value, string? Endpoint, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == _metrics.Meter && instrument.Name == "gateway.latency")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var copied = tags.ToArray();
            measurements.Add((value, Tag(copied, "endpoint"), Tag(copied, "outcome")));
        });
        listener.Start();

        await _client.PayAsync(CardRoute, Form(), None);
        _gateway.Answer = context =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
            return Task.CompletedTask;
        };
        await _client.QueryAsync(Form(), None);

        Assert.Equal([("pay", "answer"), ("query", "failed")], measurements.Select(m => (m.Endpoint!, m.Outcome!)));
        Assert.All(measurements, m => Assert.True(m.Value >= 0));
        Assert.Equal("ms", _metrics.GatewayLatency.Unit);
        Assert.Equal(PaymentsTelemetry.MeterName, _metrics.Meter.Name);
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string name)
        => tags.FirstOrDefault(t => t.Key == name).Value as string;

    private void AssertNothingSensitiveLogged()
    {
        Assert.NotEmpty(_logger.Entries);
        Assert.All(_logger.Entries, e =>
        {
            Assert.DoesNotContain(CardNumber, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("ABCDEF0123", e.Message, StringComparison.Ordinal);
            Assert.True(e.Level <= LogLevel.Warning);
        });
    }
}
