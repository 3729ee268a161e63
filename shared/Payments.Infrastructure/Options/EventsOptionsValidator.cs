using Microsoft.Extensions.Options;

namespace Payments.Infrastructure.Options;

/// <summary>Checks the <c>Events</c> section.</summary>
internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    private const string E = EventsOptions.Section;

    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        var errors = new List<string>();
        if (options.SignalDelay < TimeSpan.FromMilliseconds(100) || options.SignalDelay > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{E}:SignalDelay must be from 0.1 to 30 seconds.");
        }

        if (options.FallbackDelay < options.SignalDelay || options.FallbackDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{E}:FallbackDelay must be at least {E}:SignalDelay and at most 5 minutes.");
        }

        if (options.FeedStart < TimeSpan.FromDays(1) || options.FeedStart > TimeSpan.FromDays(366))
        {
            errors.Add($"{E}:FeedStart must be from 1 to 366 days.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
