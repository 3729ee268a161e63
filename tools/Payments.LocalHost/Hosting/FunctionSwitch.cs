using Microsoft.Extensions.Configuration;
using Payments.LocalHost.Discovery;

namespace Payments.LocalHost.Hosting;

/// <summary>The host's per-function switch: app setting <c>AzureWebJobs.{Name}.Disabled</c> = true.</summary>
internal sealed class FunctionSwitch(IConfiguration configuration)
{
    public bool IsEnabled(LocalFunction function)
    {
        var value = configuration[$"AzureWebJobs.{function.Name}.Disabled"] ?? configuration[$"AzureWebJobs:{function.Name}:Disabled"];
        return !(bool.TryParse(value, out var disabled) && disabled) && value != "1";
    }
}
