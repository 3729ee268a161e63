using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Payments.LocalHost.Http;

/// <summary>
/// The keys the runner accepts, from configuration: function keys (<c>LocalHost:FunctionKeys:{name}</c>,
/// valid for every function), host keys (<c>LocalHost:HostKeys:{name}</c>) and the master key
/// (<c>LocalHost:MasterKey</c>). With no function or host key configured the development default
/// function key applies; with no master key, the development default master key.
/// </summary>
public sealed class FunctionKeys
{
    public const string DefaultFunctionKey = "local-function-key";
    public const string DefaultMasterKey = "local-master-key";
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    private readonly byte[][] _functionOrHostKeys;
    private readonly byte[] _masterKey;

    public FunctionKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetSection("LocalHost:FunctionKeys").GetChildren()
            .Concat(configuration.GetSection("LocalHost:HostKeys").GetChildren())
            .Select(s => s.Value)
            .OfType<string>()
            .Where(v => v.Length > 0)
            .ToList();
        UsesDefaults = configured.Count == 0;
        if (UsesDefaults)
        {
            configured.Add(DefaultFunctionKey);
        }

        var master = configuration["LocalHost:MasterKey"];
        UsesDefaults |= string.IsNullOrEmpty(master);
        _masterKey = Encoding.UTF8.GetBytes(string.IsNullOrEmpty(master) ? DefaultMasterKey : master);
        _functionOrHostKeys = [.. configured.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>True when at least one development default key is in effect.</summary>
    public bool UsesDefaults { get; }

    /// <summary>Whether a presented key (or none) satisfies the level, compared in constant time.</summary>
    public bool Authorize(AuthorizationLevel level, string? presentedKey)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        if (string.IsNullOrEmpty(presentedKey))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(presentedKey);
        var isMaster = CryptographicOperations.FixedTimeEquals(presented, _masterKey);
        return level switch
        {
            AuthorizationLevel.Function => isMaster | _functionOrHostKeys.Aggregate(false, (found, key) => found | CryptographicOperations.FixedTimeEquals(presented, key)),
            AuthorizationLevel.Admin or AuthorizationLevel.System => isMaster,
            // User level is authorised by App Service authentication, which does not exist locally.
            _ => false,
        };
    }
}
