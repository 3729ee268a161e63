using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Payments.Functions.Operators;

/// <summary>The operator sign-in's registrations; called by the one composition root.</summary>
internal static class OperatorsComposition
{
    public static IServiceCollection AddOperators(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperatorOptions>>(new OperatorOptionsValidator(environment, configuration));
        services.AddSingleton(sp => new OperatorAuthorizer(sp.GetRequiredService<IOptions<OperatorOptions>>(), configuration));
        return services;
    }
}
