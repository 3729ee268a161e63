namespace Payments.Core.Application;

/// <summary>Schedules a later status query of one payment (a delayed queue message).</summary>
public interface IReconcileScheduler
{
    Task ScheduleAsync(ReconcileRequest request, TimeSpan delay, CancellationToken cancellationToken);
}
