using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Secrets;
using Payments.Infrastructure.Tests.Support;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Payments.Infrastructure.Tests.Secrets;

public sealed class KeyVaultSecureCodeSourceTests : IAsyncLifetime
{
    private const string Account = "995149";
    private const string Terminal = "12345601";
    private const string SecretName = "op-terminal-12345601";
    private static readonly TerminalKey Key = new(Account, Terminal);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<KeyVaultSecureCodeSource> _logger = new();
    private FakeKeyVault _vault = null!;
    private KeyVaultSecureCodeSource _source = null!;

    public async Task InitializeAsync()
    {
        _vault = await FakeKeyVault.StartAsync();
        var oceanpayment = new OceanpaymentOptions
        {
            Account = Account,
            Terminals =
            [
                new TerminalOptions { Terminal = Terminal, SecureCodeSecretName = SecretName },
                new TerminalOptions { Terminal = "12345603", SecureCodeSecretName = "op-terminal-12345603" },
            ],
        };
        _source = new KeyVaultSecureCodeSource(
            _vault.CreateClient(), MsOptions.Create(oceanpayment), MsOptions.Create(new KeyVaultOptions { CacheMinutes = 10 }), _time, _logger);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task FindAsync_ConfiguredTerminal_ReadsTheSecretOnceAndCachesIt()
    {
        _vault.SetSecret(SecretName, "code-v1");

        var first = await _source.FindAsync(Key, refresh: false, None);
        var second = await _source.FindAsync(Key, refresh: false, None);

        Assert.True(first!.SameAs(SecureCode.From("code-v1")));
        Assert.Same(first, second);
        Assert.Equal(1, _vault.Reads);
    }

    [Fact]
    public async Task FindAsync_AfterTimeToLive_ReadsAgain()
    {
        _vault.SetSecret(SecretName, "code-v1");
        await _source.FindAsync(Key, refresh: false, None);
        _vault.SetSecret(SecretName, "code-v2");

        _time.Advance(TimeSpan.FromMinutes(9));
        var cached = await _source.FindAsync(Key, refresh: false, None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var reread = await _source.FindAsync(Key, refresh: false, None);

        Assert.True(cached!.SameAs(SecureCode.From("code-v1")));
        Assert.True(reread!.SameAs(SecureCode.From("code-v2")));
        Assert.Equal(2, _vault.Reads);
    }

    [Fact]
    public async Task FindAsync_RefreshAfterRotation_PicksUpTheNewVersion()
    {
        _vault.SetSecret(SecretName, "code-v1");
        await _source.FindAsync(Key, refresh: false, None);
        _vault.SetSecret(SecretName, "code-v2");
        _time.Advance(KeyVaultSecureCodeSource.MinReadInterval);

        var refreshed = await _source.FindAsync(Key, refresh: true, None);
        var afterwards = await _source.FindAsync(Key, refresh: false, None);

        Assert.True(refreshed!.SameAs(SecureCode.From("code-v2")));
        Assert.Same(refreshed, afterwards);
        Assert.Equal(2, _vault.Reads);
    }

    [Fact]
    public async Task FindAsync_RefreshFlood_ReadsKeyVaultAtMostOncePer30Seconds()
    {
        _vault.SetSecret(SecretName, "code-v1");
        await _source.FindAsync(Key, refresh: false, None);
        _vault.SetSecret(SecretName, "code-v2");

        var flood = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _source.FindAsync(Key, refresh: true, None).AsTask()));
        Assert.Equal(1, _vault.Reads);
        Assert.All(flood, code => Assert.True(code!.SameAs(SecureCode.From("code-v1"))));

        _time.Advance(TimeSpan.FromSeconds(29));
        await _source.FindAsync(Key, refresh: true, None);
        Assert.Equal(1, _vault.Reads);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _source.FindAsync(Key, refresh: true, None).AsTask()));
        Assert.Equal(2, _vault.Reads);
        Assert.True((await _source.FindAsync(Key, refresh: false, None))!.SameAs(SecureCode.From("code-v2")));
    }

    [Fact]
    public async Task FindAsync_SecretMissing_ReturnsNullAndLogsAnError()
    {
        var code = await _source.FindAsync(Key, refresh: false, None);

        Assert.Null(code);
        var entry = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(SecretName, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_EmptySecret_ReturnsNull()
    {
        _vault.SetSecret(SecretName, string.Empty);

        Assert.Null(await _source.FindAsync(Key, refresh: false, None));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Error);
    }

    [Theory]
    [InlineData("995149", "99999999")]
    [InlineData("123456", Terminal)]
    public async Task FindAsync_UnknownTerminal_ReturnsNullWithoutCallingKeyVault(string account, string terminal)
    {
        _vault.SetSecret(SecretName, "code-v1");

        Assert.Null(await _source.FindAsync(new TerminalKey(account, terminal), refresh: true, None));
        Assert.Equal(0, _vault.Reads);
    }

    [Fact]
    public async Task FindAsync_Throttled_ServesTheCachedCopyPastItsTimeToLive()
    {
        _vault.SetSecret(SecretName, "code-v1");
        await _source.FindAsync(Key, refresh: false, None);
        _vault.Throttle(true);
        _time.Advance(TimeSpan.FromMinutes(11));

        var code = await _source.FindAsync(Key, refresh: false, None);

        Assert.True(code!.SameAs(SecureCode.From("code-v1")));
        Assert.True(_vault.Reads > 1);
        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("429", warning.Message, StringComparison.Ordinal);
        AssertNoSecretLogged("code-v1");
    }

    [Fact]
    public async Task FindAsync_VaultDown_ServesTheCachedCopy()
    {
        _vault.SetSecret(SecretName, "code-v1");
        await _source.FindAsync(Key, refresh: false, None);
        await _vault.StopAsync();
        _time.Advance(TimeSpan.FromMinutes(11));

        var stale = await _source.FindAsync(Key, refresh: false, None);
        _time.Advance(KeyVaultSecureCodeSource.MinReadInterval);
        var refreshed = await _source.FindAsync(Key, refresh: true, None);

        Assert.True(stale!.SameAs(SecureCode.From("code-v1")));
        Assert.Same(stale, refreshed);
        Assert.Equal(2, _logger.Entries.Count(e => e.Level == LogLevel.Warning));
        AssertNoSecretLogged("code-v1");
    }

    [Fact]
    public async Task FindAsync_VaultDownBeforeFirstRead_ReturnsNull()
    {
        await _vault.StopAsync();

        Assert.Null(await _source.FindAsync(Key, refresh: false, None));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task FindAsync_VaultHangsOnReRead_ServesTheCachedCopyAfterTheRefreshTimeout()
    {
        _vault.SetSecret(SecretName, "code-v1");
        await _source.FindAsync(Key, refresh: false, None);
        _vault.SetSecret(SecretName, "code-v2");
        _vault.Hang(true);
        _time.Advance(TimeSpan.FromMinutes(11));

        var pending = _source.FindAsync(Key, refresh: false, None).AsTask();
        await WaitForReadsAsync(2);
        Assert.False(pending.IsCompleted);
        _time.Advance(new KeyVaultOptions().RefreshTimeout);
        // Well inside the test client's 5 s per-try timeout: the copy comes from the refresh timeout, not the SDK giving up.
        var code = await pending.WaitAsync(TimeSpan.FromSeconds(3));

        Assert.True(code!.SameAs(SecureCode.From("code-v1")));
        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("serving cached copy: True", warning.Message, StringComparison.Ordinal);
        AssertNoSecretLogged("code-v1");
        _vault.Hang(false);
    }

    [Fact]
    public async Task FindAsync_VaultHangsOnFirstRead_WaitsPastTheRefreshTimeoutForTheAnswer()
    {
        _vault.SetSecret(SecretName, "code-v1");
        _vault.Hang(true);

        var pending = _source.FindAsync(Key, refresh: false, None).AsTask();
        await WaitForReadsAsync(1);
        _time.Advance(new KeyVaultOptions().RefreshTimeout * 2);
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);
        _vault.Hang(false);

        // Nothing cached: giving up early would serve no code at all, so only the caller's budget and the SDK's timeouts cut it.
        Assert.True((await pending.WaitAsync(TimeSpan.FromSeconds(10)))!.SameAs(SecureCode.From("code-v1")));
    }

    private async Task WaitForReadsAsync(int reads)
    {
        for (var i = 0; i < 200 && _vault.Reads < reads; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(reads, _vault.Reads);
    }

    private void AssertNoSecretLogged(string secret)
        => Assert.DoesNotContain(_logger.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
}
