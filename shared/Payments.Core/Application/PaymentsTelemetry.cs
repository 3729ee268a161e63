using System.Diagnostics.Metrics;

namespace Payments.Core.Application;

/// <summary>The product's metrics (meter <c>Payments.Functions</c>): what an alert can watch.</summary>
public sealed class PaymentsTelemetry : IDisposable
{
    public const string MeterName = "Payments.Functions";

    private readonly Meter _meter;

    public PaymentsTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        PaymentsCreated = _meter.CreateCounter<long>("payments.created", description: "Payments created.");
        PaymentsSucceeded = _meter.CreateCounter<long>("payments.succeeded", description: "Payments that reached succeeded.");
        PaymentsFailed = _meter.CreateCounter<long>("payments.failed", description: "Payments that reached failed.");
        PaymentsInReview = _meter.CreateCounter<long>("payments.review", description: "Payments sent to review.");
        NoticesAccepted = _meter.CreateCounter<long>("notices.accepted", description: "Verified notices recorded.");
        NoticesRejected = _meter.CreateCounter<long>("notices.rejected", description: "Notices that failed parsing or verification.");
        NoticesDuplicate = _meter.CreateCounter<long>("notices.duplicate", description: "Notices received before.");
        ReconcileAttempts = _meter.CreateCounter<long>("reconcile.attempts", description: "Status queries made to reconcile a payment.");
        ReconcileGiveUps = _meter.CreateCounter<long>("reconcile.giveups", description: "Payments sent to review at the reconciliation horizon.");
        RefundsRequested = _meter.CreateCounter<long>("refunds.requested", description: "Refunds asked of the gateway.");
        RefundsSucceeded = _meter.CreateCounter<long>("refunds.succeeded", description: "Refunds that reached succeeded.");
        RefundsFailed = _meter.CreateCounter<long>("refunds.failed", description: "Refunds that reached failed.");
        RefundsInReview = _meter.CreateCounter<long>("refunds.review", description: "Refunds no check settled by their horizon: a person must look.");
        DisputesOpened = _meter.CreateCounter<long>("disputes.opened", description: "Chargebacks that opened a dispute.");
        GatewayLatency = _meter.CreateHistogram<double>("gateway.latency", unit: "ms", description: "Duration of calls to Oceanpayment.");
    }

    public Meter Meter => _meter;

    public Counter<long> PaymentsCreated { get; }

    public Counter<long> PaymentsSucceeded { get; }

    public Counter<long> PaymentsFailed { get; }

    public Counter<long> PaymentsInReview { get; }

    public Counter<long> NoticesAccepted { get; }

    public Counter<long> NoticesRejected { get; }

    public Counter<long> NoticesDuplicate { get; }

    public Counter<long> ReconcileAttempts { get; }

    public Counter<long> ReconcileGiveUps { get; }

    public Counter<long> RefundsRequested { get; }

    public Counter<long> RefundsSucceeded { get; }

    public Counter<long> RefundsFailed { get; }

    public Counter<long> RefundsInReview { get; }

    public Counter<long> DisputesOpened { get; }

    public Histogram<double> GatewayLatency { get; }

    public void Dispose() => _meter.Dispose();
}
