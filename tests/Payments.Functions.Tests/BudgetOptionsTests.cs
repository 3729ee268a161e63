using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Payments.Functions.Budgets;

namespace Payments.Functions.Tests;

public sealed class BudgetOptionsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Oceanpayment:Account"] = "995149",
            ["Oceanpayment:PaymentTimeoutSeconds"] = "30",
            ["Oceanpayment:QueryTimeoutSeconds"] = "15",
            ["Oceanpayment:Terminals:0:Terminal"] = "99514901",
            ["Oceanpayment:Terminals:0:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:1:Terminal"] = "99514902",
            ["Oceanpayment:Terminals:1:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:2:Terminal"] = "99514903",
            ["Oceanpayment:Terminals:2:SecureCode"] = "12345678",
            ["Payments:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Payments:AllowedReturnOrigins:0"] = "http://127.0.0.1:7073",
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentsApp(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new HostingEnvironment { EnvironmentName = Environments.Development });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Budgets_Defaults_AreTheDocumentedOnes()
    {
        using var provider = Build();

        var budgets = provider.GetRequiredService<OperationBudgets>();

        Assert.Equal(
            (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)),
            (budgets.Notice, budgets.BrowserReturn, budgets.Health, budgets.Api));
        Assert.Equal(TimeSpan.FromSeconds(35), budgets.Confirm);
        Assert.Equal(TimeSpan.FromSeconds(20), budgets.Reconcile);
    }

    [Fact]
    public void Budgets_Configured_FollowTheSettings()
    {
        using var provider = Build(("Budgets:Notice", "00:00:02"), ("Storage:Retry:NetworkTimeout", "00:00:01"), ("Budgets:GatewayMargin", "00:00:03"), ("Oceanpayment:PaymentTimeoutSeconds", "4"));

        var budgets = provider.GetRequiredService<OperationBudgets>();

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7)), (budgets.Notice, budgets.Confirm));
    }

    [Theory]
    [InlineData("Budgets:Notice", "00:00:04", "Budgets:Notice must be longer than Storage:Retry:NetworkTimeout (00:00:04)")]
    [InlineData("Budgets:BrowserReturn", "00:05:00", "Budgets:BrowserReturn must be longer than")]
    [InlineData("Budgets:Api", "00:00:00", "Budgets:Api must be longer than")]
    [InlineData("Budgets:Health", "00:00:02", "Budgets:Health must be longer than KeyVault:RefreshTimeout (00:00:02)")]
    [InlineData("Budgets:GatewayMargin", "00:00:00.5", "Budgets:GatewayMargin must be from 00:00:01")]
    [InlineData("Budgets:GatewayMargin", "00:01:01", "Budgets:GatewayMargin must be from 00:00:01")]
    public void Budgets_BadValue_StopsStartWithTheKey(string key, string value, string expected)
    {
        using var provider = Build((key, value));

        // What the host runs on start for options registered with ValidateOnStart().
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
