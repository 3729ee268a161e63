using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Functions.Budgets;

namespace Payments.Functions.Tests;

public sealed class BudgetOptionsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] extra)
        => CompositionRoot.Build(Environments.Development, extra);

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
