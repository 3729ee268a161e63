using System.Diagnostics.CodeAnalysis;

namespace Payments.Infrastructure.Prompt;

/// <summary>A queued message's id and pop receipt in one string (<c>id|receipt</c>): what deletes or releases it.</summary>
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
}
