using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Payments.Core.Application;

namespace Payments.Functions.Tests;

/// <summary>
/// The running app's meter moves on real traffic: listened to on the app's own
/// <see cref="PaymentsTelemetry"/> instance, so other hosts in this process do not count.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MetricsTests(AppFixture app) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _measurements = new();
    private MeterListener? _listener;

    public void Dispose() => _listener?.Dispose();

    private void Listen()
    {
        var meter = app.Services.GetRequiredService<PaymentsTelemetry>().Meter;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument.Name, value));
        _listener.Start();
    }

    private void Record(string name, double value) => _measurements.GetOrAdd(name, _ => []).Add(value);

    private IReadOnlyCollection<double> Values(string name) => _measurements.TryGetValue(name, out var values) ? values : [];

    [Fact]
    public async Task ApprovedCard_CountsCreatedSucceededAndGatewayLatency()
    {
        Listen();
        var (id, _, secret) = await app.CreateAsync("card");

        await app.ConfirmAsync(id, secret, new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } });

        Assert.NotEmpty(Values("payments.created"));
        Assert.NotEmpty(Values("payments.succeeded"));
        Assert.Contains(Values("gateway.latency"), ms => ms > 0);
    }

    [Fact]
    public async Task DeclinedCard_CountsFailed()
    {
        Listen();
        var (id, _, secret) = await app.CreateAsync("card");

        await app.ConfirmAsync(id, secret, new { card = new { number = "4000000000000002", expMonth = "12", expYear = "2030", cvc = "123" } });

        Assert.NotEmpty(Values("payments.failed"));
    }

    [Fact]
    public async Task ForgedNotice_CountsRejected()
    {
        Listen();

        using var response = await app.Api.PostAsync("api/oceanpayment/notice", new StringContent("<response><order_number>X1</order_number><signValue>00</signValue></response>"));

        // The notice is handled before the answer, so the count is already there.
        response.EnsureSuccessStatusCode();
        Assert.NotEmpty(Values("notices.rejected"));
    }
}
