using System.Collections.Frozen;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Oceanpayment.Terminals;

/// <summary>Secure codes held in memory: for local development settings, tools and tests.</summary>
public sealed class InMemorySecureCodeSource : ISecureCodeSource
{
    private readonly FrozenDictionary<TerminalKey, SecureCode> _codes;

    /// <summary>Refuses an empty secure code or a malformed account/terminal up front.</summary>
    public InMemorySecureCodeSource(IEnumerable<KeyValuePair<TerminalKey, string>> codes)
    {
        var map = new Dictionary<TerminalKey, SecureCode>();
        foreach (var (key, code) in codes)
        {
            if (!key.IsWellFormed)
            {
                throw new ArgumentException($"Terminal {key} is not a 6-digit account with an 8-12 digit terminal.", nameof(codes));
            }

            map.Add(key, SecureCode.From(code));
        }

        _codes = map.ToFrozenDictionary();
    }

    public ValueTask<SecureCode?> FindAsync(TerminalKey key, bool refresh, CancellationToken cancellationToken)
        => ValueTask.FromResult(_codes.GetValueOrDefault(key));
}
