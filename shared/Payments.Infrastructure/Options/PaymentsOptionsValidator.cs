using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Payments.Infrastructure.Options;

/// <summary>Checks the <c>Payments</c> section.</summary>
internal sealed class PaymentsOptionsValidator(IHostEnvironment environment) : IValidateOptions<PaymentsOptions>
{
    private const string P = PaymentsOptions.Section;

    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        var development = environment.IsDevelopment();
        var errors = new List<string>();
        if (UrlRules.CheckBaseUrl($"{P}:PublicBaseUrl", options.PublicBaseUrl, allowHttp: development) is { } urlError)
        {
            errors.Add(urlError);
        }

        if (options.AllowedReturnOrigins.Count == 0)
        {
            errors.Add($"{P}:AllowedReturnOrigins must list at least one origin (scheme://host[:port]).");
        }

        for (var i = 0; i < options.AllowedReturnOrigins.Count; i++)
        {
            if (UrlRules.CheckOrigin($"{P}:AllowedReturnOrigins:{i}", options.AllowedReturnOrigins[i], allowHttp: development) is { } originError)
            {
                errors.Add(originError);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
