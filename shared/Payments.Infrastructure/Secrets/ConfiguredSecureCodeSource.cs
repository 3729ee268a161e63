using Microsoft.Extensions.Options;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Infrastructure.Options;

namespace Payments.Infrastructure.Secrets;

/// <summary>Development only: the secure codes written in settings (<c>Oceanpayment:Terminals:i:SecureCode</c>).</summary>
public sealed class ConfiguredSecureCodeSource : ISecureCodeSource
{
    private readonly InMemorySecureCodeSource _inner;

    public ConfiguredSecureCodeSource(IOptions<OceanpaymentOptions> options)
    {
        var value = options.Value;
        _inner = new InMemorySecureCodeSource(value.Terminals
            .Where(t => !string.IsNullOrWhiteSpace(t.SecureCode))
            .Select(t => new KeyValuePair<TerminalKey, string>(value.KeyOf(t), t.SecureCode!)));
    }

    public ValueTask<SecureCode?> FindAsync(TerminalKey key, bool refresh, CancellationToken cancellationToken)
        => _inner.FindAsync(key, refresh, cancellationToken);
}
