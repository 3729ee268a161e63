namespace Payments.Infrastructure.Prompt;

/// <summary>Sizes of the in-process lanes.</summary>
internal static class Lanes
{
    /// <summary>Items a lane holds before senders leave work to the queue: a few seconds of a busy instance's changes.</summary>
    public const int Capacity = 1024;
}
