using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Functions.Tests;

/// <summary>
/// The settings the README's run command starts the app with (local.settings.sample.json, copied on the first
/// run): they pass the start-up validation and route the demo terminals as the docs say.
/// </summary>
public sealed class LocalSettingsSampleTests
{
    [Theory]
    [InlineData(PaymentMethod.Card, 15000, "EUR", "99514902")]
    [InlineData(PaymentMethod.Card, 9999, "EUR", "99514902", false)]
    [InlineData(PaymentMethod.Card, 15000, "USD", "99514901")]
    [InlineData(PaymentMethod.GooglePay, 15000, "EUR", "99514901")]
    [InlineData(PaymentMethod.Fps, 1000, "HKD", "99514903")]
    public void Sample_StartsAndRoutesTheDemoTerminals(PaymentMethod method, long minor, string currency, string terminal, bool expected = true)
    {
        using var app = Build();

        app.GetRequiredService<IStartupValidator>().Validate();
        var chosen = app.GetRequiredService<PaymentsSettings>().Routing.Choose(method, new Money(minor, Currency.Parse(currency)), "US");

        Assert.Equal(expected, chosen?.Key == new TerminalKey("995149", terminal));
    }

    private static ServiceProvider Build()
    {
        var sample = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Find("local.settings.sample.json")))!["Values"]!.AsObject();
        var values = sample.ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => v.Value?.GetValue<string>());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentsApp(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new HostingEnvironment { EnvironmentName = values["AZURE_FUNCTIONS_ENVIRONMENT"]! });
        return services.BuildServiceProvider();
    }
}
