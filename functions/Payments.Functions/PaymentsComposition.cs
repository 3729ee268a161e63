using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Functions.Api;
using Payments.Functions.Budgets;
using Payments.Functions.Operators;
using Payments.Infrastructure;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Prompt;
using Payments.Infrastructure.Webhooks;

namespace Payments.Functions;

/// <summary>
/// The one composition root. Program.cs calls it; so does anything else that hosts these
/// functions (the local runner, tests), so there is a single wiring.
/// </summary>
public static class PaymentsComposition
{
    public static IServiceCollection AddPaymentsApp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddPaymentsInfrastructure(configuration, environment);
        services.AddPaymentsObservability(configuration, environment);
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BudgetOptions>, BudgetOptionsValidator>();
        services.AddSingleton<OperationBudgets>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReconcileOptions>>().Value.ToPolicy());
        services.AddSingleton<PaymentWriter>();
        services.AddSingleton<ResultApplier>();
        services.AddSingleton<CreatePaymentHandler>();
        services.AddSingleton<ConfirmPaymentHandler>();
        services.AddSingleton<RefundHandler>();
        services.AddSingleton<CheckChain>();
        services.AddSingleton<RefundReconciler>();
        services.AddSingleton<AuthorisationHandler>();
        services.AddSingleton<OperatorActions>();
        services.AddSingleton<NoticeHandler>();
        services.AddSingleton<BrowserReturnHandler>();
        services.AddSingleton<ReconcileHandler>();
        services.AddSingleton<ReviewHandler>();
        services.AddSingleton<ReconcileSweepHandler>();
        services.AddSingleton<PaymentAccess>();
        services.AddSingleton<ChangeProjector>();
        // Changes projected and first webhook attempts made in this process right after the commit; the
        // queues stay the safety net (docs/events.md, "Within about a second").
        services.AddHostedService<PromptProjectionService>();
        services.AddHostedService<PromptDeliveryService>();
        services.AddSingleton<PaymentSearch>();
        services.AddOperators(configuration, environment);
        services.AddWebhooks(configuration, environment);
        return services;
    }
}
