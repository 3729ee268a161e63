using Payments.Core.Application;

namespace Payments.Infrastructure.Options;

/// <summary>
/// The <c>Reconcile</c> section: when payments that are not final are checked, and when they give up.
/// Every value is optional; the defaults are those of <see cref="ReconcilePolicy"/>.
/// </summary>
public sealed class ReconcileOptions
{
    public const string Section = "Reconcile";

    private static readonly ReconcilePolicy Defaults = new();

    /// <summary>Delays between checks (<c>Reconcile:Schedule:0</c> = <c>00:00:30</c>, ...); empty means the default schedule.</summary>
    public List<TimeSpan> Schedule { get; set; } = [];

    public TimeSpan Horizon { get; set; } = Defaults.Horizon;

    /// <summary>How long a refund may stay pending before it is flagged for an operator.</summary>
    public TimeSpan RefundHorizon { get; set; } = Defaults.RefundHorizon;

    public TimeSpan NotFoundGracePeriod { get; set; } = Defaults.NotFoundGracePeriod;

    public double Jitter { get; set; } = Defaults.Jitter;

    public TimeSpan SweepGrace { get; set; } = Defaults.SweepGrace;

    public int SweepLimit { get; set; } = Defaults.SweepLimit;

    public ReconcilePolicy ToPolicy() => new()
    {
        // The binder appends to a list it finds filled, so the default schedule is applied here, not as an initial value.
        Schedule = Schedule.Count > 0 ? [.. Schedule] : Defaults.Schedule,
        Horizon = Horizon,
        RefundHorizon = RefundHorizon,
        NotFoundGracePeriod = NotFoundGracePeriod,
        Jitter = Jitter,
        SweepGrace = SweepGrace,
        SweepLimit = SweepLimit,
    };
}
