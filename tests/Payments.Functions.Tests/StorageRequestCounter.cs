using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Payments.Infrastructure.Storage;

namespace Payments.Functions.Tests;

/// <summary>
/// Counts the storage requests (every HTTP attempt, retries included) that the code running inside
/// <see cref="Measure"/> sends through the app's table and queue clients. Requests of other work
/// (queue listeners, the sweep, other requests to the app) run in other execution contexts and are
/// not counted.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private static readonly AsyncLocal<Measurement?> Current = new();

    /// <summary>
    /// Replaces the app's storage clients by ones with this counter in their pipeline. A test seam
    /// over the composition root's registrations: the last registration of a client type wins, and
    /// the store and the scheduler resolve their clients by type.
    /// </summary>
    /// <summary>Adds the counter to every Azure SDK client the composition root builds (tables, queues,
    /// Key Vault), keeping the clients' own endpoints, retries and timeouts.</summary>
    public void AddTo(IServiceCollection services)
        => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(this, HttpPipelinePosition.PerRetry)));

    /// <summary>Counts from now on in this async flow until the returned measurement is disposed.</summary>
    public static Measurement Measure()
    {
        var measurement = new Measurement();
        Current.Value = measurement;
        return measurement;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Current.Value?.Add(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Current.Value?.Add(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    /// <summary>The requests of one measured operation, as "METHOD path" lines (no query, no bodies).</summary>
    public sealed class Measurement : IDisposable
    {
        private readonly List<string> _requests = [];
        private bool _stopped;

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        internal void Add(Request request)
        {
            lock (_requests)
            {
                if (!_stopped)
                {
                    _requests.Add($"{request.Method} {Uri.UnescapeDataString(request.Uri.Path)}");
                }
            }
        }

        public void Dispose()
        {
            lock (_requests)
            {
                _stopped = true;
            }
        }
    }
}
