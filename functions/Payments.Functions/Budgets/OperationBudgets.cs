using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Infrastructure.Options;

namespace Payments.Functions.Budgets;

/// <summary>
/// Runs one invocation within its time budget: the work gets a token that is cancelled when the
/// budget runs out (or the invocation is cancelled), and a budget that ran out turns into the answer
/// that makes the caller try again. Work that finished in time is answered as it finished, so only
/// what was written is ever acknowledged.
/// </summary>
public sealed partial class OperationBudgets(
    IOptions<BudgetOptions> options,
    IOptions<OceanpaymentOptions> oceanpayment,
    TimeProvider time,
    ILogger<OperationBudgets> logger)
{
    public TimeSpan Notice => options.Value.Notice;

    public TimeSpan BrowserReturn => options.Value.BrowserReturn;

    public TimeSpan Health => options.Value.Health;

    public TimeSpan Api => options.Value.Api;

    /// <summary>The gateway's payment timeout plus the margin for the storage calls around it.</summary>
    public TimeSpan Confirm => TimeSpan.FromSeconds(oceanpayment.Value.PaymentTimeoutSeconds) + options.Value.GatewayMargin;

    /// <summary>The gateway's query timeout plus the margin for the storage calls around it.</summary>
    public TimeSpan Reconcile => TimeSpan.FromSeconds(oceanpayment.Value.QueryTimeoutSeconds) + options.Value.GatewayMargin;

    /// <summary>Runs <paramref name="work"/>; if the budget runs out first, whatever it threw, answers <paramref name="whenExpired"/>.</summary>
    public async Task<T> RunAsync<T>(string operation, TimeSpan budget, CancellationToken invocation, Func<CancellationToken, Task<T>> work, Func<T> whenExpired)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(whenExpired);
        using var limit = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(invocation, limit.Token);
        try
        {
            return await work(linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (limit.IsCancellationRequested && !invocation.IsCancellationRequested)
        {
            LogBudgetExpired(operation, (long)budget.TotalMilliseconds, exception.GetType().Name);
            return whenExpired();
        }
    }

    /// <summary>For triggers without an answer: a budget that ran out throws <see cref="TimeoutException"/>, so the message is delivered again.</summary>
    public Task RunAsync(string operation, TimeSpan budget, CancellationToken invocation, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync<bool>(
            operation,
            budget,
            invocation,
            async token =>
            {
                await work(token).ConfigureAwait(false);
                return true;
            },
            () => throw new TimeoutException($"The {operation} did not finish within its budget of {budget}."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Operation} ran out of its {BudgetMs} ms budget ({ErrorType}); answering so that the caller tries again")]
    private partial void LogBudgetExpired(string operation, long budgetMs, string errorType);
}
