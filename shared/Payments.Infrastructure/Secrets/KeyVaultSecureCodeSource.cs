using System.Collections.Frozen;
using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Infrastructure.Options;

namespace Payments.Infrastructure.Secrets;

/// <summary>
/// Secure codes from Key Vault, cached in memory. Each configured terminal has its own secret; an
/// unknown terminal gets null, never a default. Key Vault is read at most once per terminal per
/// <see cref="MinReadInterval"/> (a flood of forged notices asking for a refresh cannot exhaust the
/// vault's 4,000 transactions per 10 s), and while it is unreachable or throttling the last copy
/// keeps being served, even past its time-to-live. A re-read that hangs is given up after
/// <c>KeyVault:RefreshTimeout</c> and the cached copy served. Secret values are never logged.
/// </summary>
public sealed partial class KeyVaultSecureCodeSource : ISecureCodeSource
{
    /// <summary>The shortest time between two reads of one terminal's secret.</summary>
    public static readonly TimeSpan MinReadInterval = TimeSpan.FromSeconds(30);

    private readonly SecretClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _refreshTimeout;
    private readonly ILogger<KeyVaultSecureCodeSource> _logger;
    private readonly FrozenDictionary<TerminalKey, Slot> _slots;

    public KeyVaultSecureCodeSource(
        SecretClient client,
        IOptions<OceanpaymentOptions> oceanpayment,
        IOptions<KeyVaultOptions> keyVault,
        TimeProvider time,
        ILogger<KeyVaultSecureCodeSource> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = time;
        _logger = logger;
        _ttl = TimeSpan.FromMinutes(keyVault.Value.CacheMinutes);
        _refreshTimeout = keyVault.Value.RefreshTimeout;
        var options = oceanpayment.Value;
        _slots = options.Terminals
            .Where(t => !string.IsNullOrWhiteSpace(t.SecureCodeSecretName))
            .ToFrozenDictionary(options.KeyOf, t => new Slot(t.SecureCodeSecretName!));
    }

    public async ValueTask<SecureCode?> FindAsync(TerminalKey key, bool refresh, CancellationToken cancellationToken)
    {
        if (!_slots.TryGetValue(key, out var slot))
        {
            return null;
        }

        if (!NeedsRead(slot, refresh, _time.GetUtcNow()))
        {
            return slot.Cached?.Code;
        }

        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have read it while this one waited.
            var now = _time.GetUtcNow();
            if (!NeedsRead(slot, refresh, now))
            {
                return slot.Cached?.Code;
            }

            Volatile.Write(ref slot.LastReadTicks, now.UtcTicks);
            return await ReadAsync(key, slot, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private bool NeedsRead(Slot slot, bool refresh, DateTimeOffset now)
    {
        var last = Volatile.Read(ref slot.LastReadTicks);
        if (last != 0 && now.UtcTicks - last < MinReadInterval.Ticks)
        {
            return false;
        }

        return refresh || slot.Cached is not { } cached || now - cached.ReadAt >= _ttl;
    }

    private async Task<SecureCode?> ReadAsync(TerminalKey key, Slot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // With a copy in hand, a vault that accepts the connection and never answers must not hold the
        // caller for the SDK's whole retry budget: the copy is served after the refresh timeout.
        using var refreshLimit = slot.Cached?.Code is null ? null : new CancellationTokenSource(_refreshTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, refreshLimit?.Token ?? CancellationToken.None);
        try
        {
            var response = await _client.GetSecretAsync(slot.SecretName, cancellationToken: linked.Token).ConfigureAwait(false);
            var value = response.Value.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                LogEmptySecret(_logger, slot.SecretName, key.Terminal);
                slot.Cached = new Entry(null, now);
                return null;
            }

            slot.Cached = new Entry(SecureCode.From(value), now);
            return slot.Cached.Code;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            LogSecretMissing(_logger, slot.SecretName, key.Terminal);
            slot.Cached = new Entry(null, now);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsVaultFault(ex))
        {
            // Unreachable, throttled (429), failing (5xx) or refusing us: keep the last copy, however old.
            var status = ex is RequestFailedException failed ? failed.Status : 0;
            LogVaultUnavailable(_logger, slot.SecretName, key.Terminal, status, ex.GetType().Name, slot.Cached?.Code is not null);
            return slot.Cached?.Code;
        }
    }

    private static bool IsVaultFault(Exception ex)
        => ex is RequestFailedException or AuthenticationFailedException or HttpRequestException or OperationCanceledException
            || (ex is AggregateException aggregate && aggregate.InnerExceptions.All(IsVaultFault));

    [LoggerMessage(Level = LogLevel.Error, Message = "Key Vault secret {SecretName} for terminal {Terminal} does not exist: check the configuration")]
    private static partial void LogSecretMissing(ILogger logger, string secretName, string terminal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Key Vault secret {SecretName} for terminal {Terminal} is empty")]
    private static partial void LogEmptySecret(ILogger logger, string secretName, string terminal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key Vault could not be read for secret {SecretName} (terminal {Terminal}): status {Status}, {ErrorType}; serving cached copy: {HasCachedCopy}")]
    private static partial void LogVaultUnavailable(ILogger logger, string secretName, string terminal, int status, string errorType, bool hasCachedCopy);

    private sealed record Entry(SecureCode? Code, DateTimeOffset ReadAt);

    private sealed class Slot(string secretName)
    {
        public string SecretName { get; } = secretName;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile Entry? Cached;

        /// <summary>UTC ticks of the last read of Key Vault; 0 before the first.</summary>
        public long LastReadTicks;
    }
}
