using System.Diagnostics.Metrics;

namespace Payments.Infrastructure.Telemetry;

/// <summary>
/// The app's meter (<c>Payments.Functions</c>) and its instruments. Tags never carry card data.
/// Names, units and descriptions match the core's <c>PaymentsTelemetry</c> instrument for instrument.
/// </summary>
public sealed class PaymentsMetrics
{
    public const string MeterName = "Payments.Functions";

    public PaymentsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        PaymentsCreated = Meter.CreateCounter<long>("payments.created", description: "Payments created.");
        PaymentsSucceeded = Meter.CreateCounter<long>("payments.succeeded", description: "Payments that reached succeeded.");
        PaymentsFailed = Meter.CreateCounter<long>("payments.failed", description: "Payments that reached failed.");
        PaymentsReview = Meter.CreateCounter<long>("payments.review", description: "Payments sent to review.");
        NoticesAccepted = Meter.CreateCounter<long>("notices.accepted", description: "Verified notices recorded.");
        NoticesRejected = Meter.CreateCounter<long>("notices.rejected", description: "Notices that failed parsing or verification.");
        NoticesDuplicate = Meter.CreateCounter<long>("notices.duplicate", description: "Notices received before.");
        ReconcileAttempts = Meter.CreateCounter<long>("reconcile.attempts", description: "Status queries made to reconcile a payment.");
        ReconcileGiveUps = Meter.CreateCounter<long>("reconcile.giveups", description: "Payments sent to review at the reconciliation horizon.");
        GatewayLatency = Meter.CreateHistogram<double>("gateway.latency", unit: "ms", description: "Duration of calls to Oceanpayment.");
    }

    public Meter Meter { get; }

    public Counter<long> PaymentsCreated { get; }

    public Counter<long> PaymentsSucceeded { get; }

    public Counter<long> PaymentsFailed { get; }

    public Counter<long> PaymentsReview { get; }

    public Counter<long> NoticesAccepted { get; }

    public Counter<long> NoticesRejected { get; }

    public Counter<long> NoticesDuplicate { get; }

    public Counter<long> ReconcileAttempts { get; }

    public Counter<long> ReconcileGiveUps { get; }

    /// <summary>Tagged <c>endpoint</c> (<c>pay</c>/<c>query</c>) and <c>outcome</c> (<c>answer</c>/<c>failed</c>).</summary>
    public Histogram<double> GatewayLatency { get; }
}
