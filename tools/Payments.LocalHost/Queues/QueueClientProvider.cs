using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Payments.LocalHost.Hosting;

namespace Payments.LocalHost.Queues;

/// <summary>
/// Queue clients for trigger and output bindings: resolves the connection setting like the host
/// (setting, <c>ConnectionStrings:name</c>, <c>AzureWebJobs{name}</c>), resolves <c>%setting%</c>
/// queue names, encodes messages as host.json says and creates queues on first use.
/// </summary>
public sealed class QueueClientProvider
{
    public const string DefaultConnection = "AzureWebJobsStorage";
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private readonly IConfiguration _configuration;
    private readonly QueueSettings _settings;
    private readonly ILogger<QueueClientProvider> _logger;
    private readonly ConcurrentDictionary<string, QueueServiceClient> _services = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _created = new(StringComparer.Ordinal);

    public QueueClientProvider(IConfiguration configuration, HostSettings settings, ILogger<QueueClientProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _configuration = configuration;
        _settings = settings.Queues;
        _logger = logger;
    }

    /// <summary>
    /// Replaces every <c>%setting%</c> in the name with the setting's value (so <c>%Queue%-poison</c>
    /// works) and lower-cases the result, as the host resolves a binding expression. An unclosed
    /// <c>%</c> or a setting that is not set is an error, as in the host.
    /// </summary>
    public string ResolveQueueName(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        var resolved = new StringBuilder(queueName.Length);
        var position = 0;
        while (position < queueName.Length)
        {
            var start = queueName.IndexOf('%', position);
            if (start < 0)
            {
                resolved.Append(queueName, position, queueName.Length - position);
                break;
            }

            var end = queueName.IndexOf('%', start + 1);
            if (end < 0)
            {
                throw new InvalidOperationException($"Queue name '{queueName}' has a '%' at position {start} without a closing '%'.");
            }

            var setting = queueName[(start + 1)..end];
            var value = _configuration[setting]
                ?? throw new InvalidOperationException($"Queue name '{queueName}' refers to setting '{setting}', which is not set.");
            resolved.Append(queueName, position, start - position).Append(value);
            position = end + 1;
        }

        return resolved.ToString().ToLowerInvariant();
    }

    public QueueServiceClient GetServiceClient(string? connection)
    {
        var name = string.IsNullOrEmpty(connection) ? DefaultConnection : connection;
        return _services.GetOrAdd(name, n => new QueueServiceClient(ResolveConnectionString(n), CreateOptions()));
    }

    /// <summary>A client for the queue, created in storage the first time it is asked for.</summary>
    public async Task<QueueClient> GetQueueAsync(string? connection, string queueName, CancellationToken cancellationToken)
    {
        var service = GetServiceClient(connection);
        var key = $"{service.Uri}|{queueName}";
        var lazy = _created.GetOrAdd(key, _ => new Lazy<Task<QueueClient>>(async () =>
        {
            var client = service.GetQueueClient(queueName);
            await client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return client;
        }));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // Let the next caller try again (Azurite may not have been up yet).
            _created.TryRemove(new KeyValuePair<string, Lazy<Task<QueueClient>>>(key, lazy));
            throw;
        }
    }

    private string ResolveConnectionString(string name)
    {
        var value = _configuration[name] ?? _configuration.GetConnectionString(name) ?? _configuration["AzureWebJobs" + name];
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (name == DefaultConnection)
        {
            return DevelopmentStorage;
        }

        throw new InvalidOperationException(
            $"Queue connection setting '{name}' is not set. The local runner needs a connection string (identity-based connections are not supported locally).");
    }

    private QueueClientOptions CreateOptions()
    {
        var options = new QueueClientOptions
        {
            MessageEncoding = _settings.Base64Encoding ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
        };
        options.MessageDecodingFailed += async args =>
        {
            // The host moves a message it cannot decode straight to the poison queue.
            if (args.ReceivedMessage is { } message)
            {
                var poison = args.Queue.GetParentQueueServiceClient().GetQueueClient(PoisonQueueName(args.Queue.Name));
                await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
                await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
                Log.UndecodableMessage(_logger, message.MessageId, args.Queue.Name);
            }
        };
        return options;
    }

    public static string PoisonQueueName(string queueName) => queueName + "-poison";
}
