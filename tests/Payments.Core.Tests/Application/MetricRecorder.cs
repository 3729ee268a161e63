using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Payments.Core.Tests.Application;

/// <summary>
/// Adds up what one <see cref="Meter"/> instance records. Listening to that instance, not to the
/// meter name, keeps tests that run in parallel from counting each other's measurements.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _totals = new();
    private readonly ConcurrentDictionary<string, int> _measurements = new();

    public MetricRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.Start();
    }

    /// <summary>The sum of every value recorded on the instrument.</summary>
    public double Total(string instrument) => _totals.GetValueOrDefault(instrument);

    /// <summary>How many values were recorded on the instrument.</summary>
    public int Count(string instrument) => _measurements.GetValueOrDefault(instrument);

    /// <summary>Every instrument with at least one measurement and its total, for exact comparisons.</summary>
    public IReadOnlyDictionary<string, double> Snapshot() => new SortedDictionary<string, double>(_totals, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();

    private void Add(string instrument, double value)
    {
        _totals.AddOrUpdate(instrument, value, (_, total) => total + value);
        _measurements.AddOrUpdate(instrument, 1, (_, count) => count + 1);
    }
}
