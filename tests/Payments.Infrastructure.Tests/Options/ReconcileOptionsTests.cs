using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Core.Application;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Options;

public sealed class ReconcileOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentsInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), TestEnvironment.Development);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void ToPolicy_NoSection_IsTheDefaultPolicy()
    {
        using var provider = Build([]);

        var policy = provider.GetRequiredService<IOptions<ReconcileOptions>>().Value.ToPolicy();

        var defaults = new ReconcilePolicy();
        Assert.Equal(defaults.Schedule, policy.Schedule);
        Assert.Equal(defaults with { Schedule = policy.Schedule }, policy);
    }

    [Fact]
    public void ToPolicy_ConfiguredSection_ReplacesTheScheduleAndValues()
    {
        using var provider = Build(new()
        {
            ["Reconcile:Schedule:0"] = "00:00:10",
            ["Reconcile:Schedule:1"] = "00:05:00",
            ["Reconcile:Horizon"] = "1.00:00:00",
            ["Reconcile:RefundHorizon"] = "10.00:00:00",
            ["Reconcile:NotFoundGracePeriod"] = "00:03:00",
            ["Reconcile:Jitter"] = "0.1",
            ["Reconcile:SweepGrace"] = "00:02:00",
            ["Reconcile:SweepLimit"] = "500",
        });

        var policy = provider.GetRequiredService<IOptions<ReconcileOptions>>().Value.ToPolicy();

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)], policy.Schedule);
        Assert.Equal(TimeSpan.FromDays(10), policy.RefundHorizon);
        Assert.Equal(
            (TimeSpan.FromDays(1), TimeSpan.FromMinutes(3), 0.1, TimeSpan.FromMinutes(2), 500),
            (policy.Horizon, policy.NotFoundGracePeriod, policy.Jitter, policy.SweepGrace, policy.SweepLimit));
    }

    [Theory]
    [InlineData("Reconcile:Schedule:0", "00:00:00", "Reconcile:Schedule:0 must be a delay above zero")]
    [InlineData("Reconcile:Schedule:0", "8.00:00:00", "Reconcile:Schedule:0 must be a delay above zero and at most")]
    [InlineData("Reconcile:Horizon", "-00:00:01", "Reconcile:Horizon must be above zero")]
    [InlineData("Reconcile:RefundHorizon", "00:00:00", "Reconcile:RefundHorizon must be above zero")]
    [InlineData("Reconcile:NotFoundGracePeriod", "4.00:00:00", "Reconcile:NotFoundGracePeriod must be zero or more and less than Reconcile:Horizon")]
    [InlineData("Reconcile:Jitter", "1.5", "Reconcile:Jitter must be a fraction from 0 to 1")]
    [InlineData("Reconcile:SweepGrace", "-00:01:00", "Reconcile:SweepGrace must be zero or more")]
    [InlineData("Reconcile:SweepLimit", "0", "Reconcile:SweepLimit must be from 1")]
    public void Validation_BadValue_StopsStartupNamingTheKey(string key, string value, string message)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ReconcileOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
