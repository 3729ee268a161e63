using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Payments.LocalHost.Hosting;

/// <summary>The host.json settings the runner honours, read from configuration (host.json plus overrides).</summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    public static HostSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration.GetSection(HostJsonFile.ConfigurationPrefix);
        var prefix = (root["extensions:http:routePrefix"] ?? "api").Trim('/');
        return new HostSettings(prefix, QueueSettings.From(root.GetSection("extensions:queues")));
    }
}

/// <summary>host.json <c>extensions.queues</c>, with the host's defaults.</summary>
public sealed record QueueSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    TimeSpan MaxPollingInterval,
    bool Base64Encoding)
{
    public static QueueSettings From(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        // The storage service returns at most 32 messages per receive.
        var batchSize = Math.Clamp(ReadInt(section, "batchSize") ?? 16, 1, 32);
        var threshold = ReadInt(section, "newBatchThreshold") ?? batchSize / 2;
        var encoding = section["messageEncoding"] ?? "base64";
        if (!encoding.Equals("base64", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"host.json extensions.queues.messageEncoding must be 'base64' or 'none', not '{encoding}'.");
        }

        var maxPolling = ReadTimeSpan(section, "maxPollingInterval") ?? TimeSpan.FromMinutes(1);
        // The host does not poll faster than every 100 ms.
        if (maxPolling < TimeSpan.FromMilliseconds(100))
        {
            maxPolling = TimeSpan.FromMilliseconds(100);
        }

        return new QueueSettings(
            batchSize,
            Math.Max(0, threshold),
            ReadTimeSpan(section, "visibilityTimeout") ?? TimeSpan.Zero,
            Math.Max(1, ReadInt(section, "maxDequeueCount") ?? 5),
            maxPolling,
            encoding.Equals("base64", StringComparison.OrdinalIgnoreCase));
    }

    private static int? ReadInt(IConfiguration section, string key)
        => section[key] is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    private static TimeSpan? ReadTimeSpan(IConfiguration section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        // host.json also accepts a plain number of milliseconds for maxPollingInterval.
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
            ? TimeSpan.FromMilliseconds(milliseconds)
            : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }
}
