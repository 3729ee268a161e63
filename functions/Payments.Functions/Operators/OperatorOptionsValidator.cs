using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Payments.Functions.Operators;

/// <summary>
/// Checks the <c>Operators</c> section at start. The development sign-in lets anyone in, so start fails
/// when it is switched on anywhere but a developer's machine: outside the Development environment, or
/// on App Service whatever the environment says.
/// </summary>
internal sealed class OperatorOptionsValidator(IHostEnvironment environment, IConfiguration configuration)
    : IValidateOptions<OperatorOptions>
{
    private const string O = OperatorOptions.Section;

    // Set by App Service (and Flex Consumption) on every instance; never by Core Tools or the local runner.
    private static readonly string[] AppServiceMarkers = ["WEBSITE_INSTANCE_ID", "WEBSITE_SKU", OperatorAuthorizer.PlatformAuthSetting];

    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Role))
        {
            errors.Add($"{O}:Role must name the app role operators hold (default {OperatorOptions.DefaultRole}).");
        }

        if (options.DevelopmentSignIn)
        {
            if (!environment.IsDevelopment())
            {
                errors.Add($"{O}:DevelopmentSignIn is allowed only in the Development environment; this host runs as '{environment.EnvironmentName}'. Remove the setting, operators sign in with Microsoft Entra ID.");
            }

            var marker = AppServiceMarkers.FirstOrDefault(m => !string.IsNullOrEmpty(configuration[m]));
            if (marker is not null)
            {
                errors.Add($"{O}:DevelopmentSignIn is refused on App Service ({marker} is set). Remove the setting, operators sign in with Microsoft Entra ID.");
            }

            if (string.IsNullOrWhiteSpace(options.DevelopmentName))
            {
                errors.Add($"{O}:DevelopmentName must not be empty.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
