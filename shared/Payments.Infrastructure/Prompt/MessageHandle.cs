using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Storage.Queues;

namespace Payments.Infrastructure.Prompt;

/// <summary>
/// A queued message's id and pop receipt in one string (<c>id|receipt</c>), and what a sender does with
/// it: delete the message once its work is done, or release it to the queue at once.
/// </summary>
public static class MessageHandle
{
    public static string Format(string messageId, string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        return messageId + "|" + popReceipt;
    }

    public static bool TryParse(string? handle, [NotNullWhen(true)] out string? messageId, [NotNullWhen(true)] out string? popReceipt)
    {
        messageId = popReceipt = null;
        var bar = handle?.IndexOf('|') ?? -1;
        if (bar <= 0 || bar == handle!.Length - 1)
        {
            return false;
        }

        messageId = handle[..bar];
        popReceipt = handle[(bar + 1)..];
        return true;
    }

    /// <summary>Deletes the message; false when the queue has already handed it out (its delay passed), or the handle is not one.</summary>
    public static async Task<bool> DeleteAsync(QueueClient queue, string? handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (!TryParse(handle, out var messageId, out var popReceipt))
        {
            return false;
        }

        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            return false;
        }
    }

    /// <summary>Makes the message visible now (the queue does its work instead of this process).</summary>
    public static async Task ReleaseAsync(QueueClient queue, string? handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (!TryParse(handle, out var messageId, out var popReceipt))
        {
            return;
        }

        try
        {
            await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Already handed out by the queue.
        }
    }
}
