using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Payments.Functions;

/// <summary>
/// The one composition root. Program.cs calls it; so does anything else that hosts these
/// functions (the local runner, tests), so there is a single wiring.
/// </summary>
public static class PaymentsComposition
{
    public static IServiceCollection AddPaymentsApp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return services;
    }
}
