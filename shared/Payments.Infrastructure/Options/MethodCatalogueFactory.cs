using Payments.Core.Oceanpayment.Requests;

namespace Payments.Infrastructure.Options;

/// <summary>Builds the method catalogue: the defaults with the configured overrides applied.</summary>
internal static class MethodCatalogueFactory
{
    public static MethodCatalogue Create(OceanpaymentOptions options)
        => new(MethodCatalogue.Default.Routes.Select(route =>
            options.Methods.TryGetValue(route.Method.ToString(), out var overrides)
                ? route with
                {
                    Methods = string.IsNullOrWhiteSpace(overrides.Methods) ? route.Methods : overrides.Methods.Trim(),
                    Terminal = string.IsNullOrWhiteSpace(overrides.Terminal) ? route.Terminal : overrides.Terminal.Trim(),
                }
                : route));
}
