using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Payments.Functions.Operators;

/// <summary>
/// Decides whether a request comes from an operator. The client-principal header is believed only when
/// App Service Authentication is on (<c>WEBSITE_AUTH_ENABLED=True</c>): the platform then strips any copy a
/// client sends and writes its own. Without it anyone can send the header, so it is ignored. The
/// development sign-in, validated at start, is the only other way in.
/// </summary>
public sealed class OperatorAuthorizer(IOptions<OperatorOptions> options, IConfiguration configuration)
{
    /// <summary>The app setting App Service sets to <c>True</c> while its authentication is on.</summary>
    public const string PlatformAuthSetting = "WEBSITE_AUTH_ENABLED";

    public OperatorCheck Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        OperatorIdentity? identity = null;
        if (PlatformAuthenticationOn)
        {
            if (ClientPrincipal.TryRead(request.Headers[ClientPrincipal.Header].ToString(), out var name, out var roles))
            {
                identity = new OperatorIdentity(name, roles, OperatorSignIn.Platform);
            }
        }
        else if (settings.DevelopmentSignIn)
        {
            identity = new OperatorIdentity(settings.DevelopmentName, [settings.Role], OperatorSignIn.Development);
        }

        var outcome = identity switch
        {
            null => OperatorOutcome.NotSignedIn,
            _ when identity.Roles.Contains(settings.Role, StringComparer.Ordinal) => OperatorOutcome.Authorised,
            _ => OperatorOutcome.MissingRole,
        };
        return new OperatorCheck(outcome, identity, settings.Role);
    }

    private bool PlatformAuthenticationOn
        => string.Equals(configuration[PlatformAuthSetting], "True", StringComparison.OrdinalIgnoreCase);
}
