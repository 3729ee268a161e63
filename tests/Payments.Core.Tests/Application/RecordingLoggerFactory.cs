using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Payments.Core.Tests.Application;

/// <summary>Keeps every log entry with the structured scope values that were active when it was written.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly AsyncLocal<ImmutableStack<object>?> _scopes = new();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger<T> Logger<T>() => new Logger<T>(this);

    public IEnumerable<LogEntry> From<T>() => Entries.Where(e => e.Category == typeof(T).FullName);

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var before = owner._scopes.Value ?? [];
            owner._scopes.Value = before.Push(state);
            return new Pop(owner, before);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            var rawScopes = new List<string>();
            foreach (var active in (owner._scopes.Value ?? []).Reverse())
            {
                rawScopes.Add(active.ToString() ?? string.Empty);
                if (active is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        scope[key] = value;
                    }
                }
            }

            owner.Entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), scope, rawScopes));
        }
    }

    private sealed class Pop(RecordingLoggerFactory owner, ImmutableStack<object> before) : IDisposable
    {
        public void Dispose() => owner._scopes.Value = before;
    }
}

internal sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope, IReadOnlyList<string> RawScopes)
{
    public string? ScopeValue(string key) => Scope.TryGetValue(key, out var value) ? value?.ToString() : null;
}
