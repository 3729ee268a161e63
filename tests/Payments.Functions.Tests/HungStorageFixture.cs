using Microsoft.Extensions.DependencyInjection;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Functions.Tests;

/// <summary>
/// The whole app with Azurite's table and queue endpoints behind a proxy that a test can freeze
/// (connections stay open, nothing answers) and thaw. Budgets are short (2 s; a confirm 3 s of
/// gateway timeout plus 2 s) and the storage clients' own tries longer (four of 1.5 s each), so an
/// answer within the budget comes from the budget, not from the SDK giving up. The reconcile
/// triggers are off and the queue is this fixture's own: only the test reconciles, through the sweep.
/// </summary>
public sealed class HungStorageFixture : AppFixture
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan ConfirmBudget = TimeSpan.FromSeconds(5);

    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly FreezableProxy _tables = FreezableProxy.Forwarding(10002);
    private readonly FreezableProxy _queues = FreezableProxy.Forwarding(10001);

    /// <summary>When set, the next payment call to the gateway freezes storage as soon as it returns.</summary>
    public bool FreezeAfterNextPayment { get; set; }

    public void Freeze()
    {
        _tables.Freeze();
        _queues.Freeze();
    }

    public void Thaw()
    {
        _tables.Thaw();
        _queues.Thaw();
    }

    public override async Task DisposeAsync()
    {
        Thaw();
        await base.DisposeAsync();
        await _tables.DisposeAsync();
        await _queues.DisposeAsync();
    }

    /// <summary>
    /// The fast schedule, but a horizon far beyond any test here: a confirm that spends its whole budget
    /// against frozen storage on a loaded machine must still be settled by the sweep, not given up to review.
    /// </summary>
    protected override ReconcilePolicy? Policy() => base.Policy()! with { Horizon = TimeSpan.FromMinutes(2) };

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteKey
            + $";QueueEndpoint=http://127.0.0.1:{_queues.Port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_tables.Port}/devstoreaccount1;";
        settings["Storage:ReconcileQueue"] = "hung-reconcile-" + Guid.NewGuid().ToString("N")[..12];
        settings["Storage:Retry:NetworkTimeout"] = "00:00:01.5";
        settings["Storage:Retry:MaxRetries"] = "3";
        settings["Storage:Retry:Delay"] = "00:00:00.1";
        settings["KeyVault:RefreshTimeout"] = "00:00:01";
        settings["Budgets:Notice"] = "00:00:02";
        settings["Budgets:BrowserReturn"] = "00:00:02";
        settings["Budgets:Api"] = "00:00:02";
        settings["Budgets:Health"] = "00:00:02";
        settings["Budgets:GatewayMargin"] = "00:00:02";
        settings["AzureWebJobs.ReconcilePayment.Disabled"] = "true";
        settings["AzureWebJobs.ReconcilePoison.Disabled"] = "true";
        settings["AzureWebJobs.ReconcileSweep.Disabled"] = "true";
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        // Freezes storage the moment the gateway has answered a payment, when the test asks for it.
        var gateway = services.Last(d => d.ServiceType == typeof(IOceanpaymentClient));
        services.Remove(gateway);
        services.AddTransient<IOceanpaymentClient>(sp => new FreezingGateway((IOceanpaymentClient)gateway.ImplementationFactory!(sp), this));
    }

    private sealed class FreezingGateway(IOceanpaymentClient inner, HungStorageFixture fixture) : IOceanpaymentClient
    {
        public async Task<GatewayCall> PayAsync(MethodRoute route, GatewayForm form, CancellationToken cancellationToken)
        {
            var call = await inner.PayAsync(route, form, cancellationToken);
            if (fixture.FreezeAfterNextPayment)
            {
                fixture.FreezeAfterNextPayment = false;
                fixture.Freeze();
            }

            return call;
        }

        public Task<GatewayCall> QueryAsync(GatewayForm form, CancellationToken cancellationToken) => inner.QueryAsync(form, cancellationToken);

        public Task<GatewayCall> RefundAsync(GatewayForm form, CancellationToken cancellationToken) => inner.RefundAsync(form, cancellationToken);

        public Task<GatewayCall> RefundQueryAsync(GatewayForm form, CancellationToken cancellationToken) => inner.RefundQueryAsync(form, cancellationToken);

        public Task<GatewayCall> AuthAsync(GatewayForm form, CancellationToken cancellationToken) => inner.AuthAsync(form, cancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class HungStorageCollection : ICollectionFixture<HungStorageFixture>
{
    public const string Name = "hung storage";
}
