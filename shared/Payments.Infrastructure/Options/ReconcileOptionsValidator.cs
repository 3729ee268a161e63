using Microsoft.Extensions.Options;
using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Options;

/// <summary>Checks the <c>Reconcile</c> section.</summary>
internal sealed class ReconcileOptionsValidator : IValidateOptions<ReconcileOptions>
{
    private const string R = ReconcileOptions.Section;

    // More than a run could reconcile before the next one (100 per query) would only pile up.
    private const int MaxSweepLimit = 50_000;

    public ValidateOptionsResult Validate(string? name, ReconcileOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Schedule.Count; i++)
        {
            // A delay is a queue visibility delay, which the service caps below the message time-to-live.
            if (options.Schedule[i] <= TimeSpan.Zero || options.Schedule[i] > QueueReconcileScheduler.MaxDelay)
            {
                errors.Add($"{R}:Schedule:{i} must be a delay above zero and at most {QueueReconcileScheduler.MaxDelay}.");
            }
        }

        if (options.Horizon <= TimeSpan.Zero)
        {
            errors.Add($"{R}:Horizon must be above zero.");
        }

        if (options.RefundHorizon <= TimeSpan.Zero)
        {
            errors.Add($"{R}:RefundHorizon must be above zero.");
        }

        if (options.NotFoundGracePeriod < TimeSpan.Zero || options.NotFoundGracePeriod >= options.Horizon)
        {
            errors.Add($"{R}:NotFoundGracePeriod must be zero or more and less than {R}:Horizon.");
        }

        if (double.IsNaN(options.Jitter) || options.Jitter is < 0 or > 1)
        {
            errors.Add($"{R}:Jitter must be a fraction from 0 to 1.");
        }

        if (options.SweepGrace < TimeSpan.Zero)
        {
            errors.Add($"{R}:SweepGrace must be zero or more.");
        }

        if (options.SweepLimit is < 1 or > MaxSweepLimit)
        {
            errors.Add($"{R}:SweepLimit must be from 1 to {MaxSweepLimit}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
