using System.Diagnostics.Metrics;
using Payments.Core.Application;

namespace Payments.Infrastructure.Webhooks;

/// <summary>Webhook counters on the app's meter (<see cref="PaymentsTelemetry.MeterName"/>), tagged with the endpoint's host.</summary>
public sealed class WebhookMetrics
{
    public WebhookMetrics(PaymentsTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        Delivered = telemetry.Meter.CreateCounter<long>("webhooks.delivered", description: "Webhook deliveries an endpoint accepted (2xx).");
        FailedAttempts = telemetry.Meter.CreateCounter<long>("webhooks.failed_attempts", description: "Webhook attempts that got no 2xx answer.");
        DeadLettered = telemetry.Meter.CreateCounter<long>("webhooks.dead_lettered", description: "Webhook deliveries given up after the last attempt.");
    }

    public Counter<long> Delivered { get; }

    public Counter<long> FailedAttempts { get; }

    public Counter<long> DeadLettered { get; }
}
