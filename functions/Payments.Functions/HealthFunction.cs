using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/health</c>: storage answers and every configured terminal's secure code loads, within
/// <c>Budgets:Health</c>. The checks run side by side; one that has not answered when the budget
/// runs out counts as failed, so a hung dependency gives a 503, never a hung probe.
/// </summary>
public sealed class HealthFunction(IPaymentStore store, ISecureCodeSource secureCodes, PaymentsSettings settings, OperationBudgets budgets)
{
    [Function("Health")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunAsync("health check", budgets.Health, cancellationToken, token => CheckAsync(token, cancellationToken), () => Answer(storageOk: false, [.. Terminals().Select(t => t.Terminal)]));

    private async Task<IActionResult> CheckAsync(CancellationToken budget, CancellationToken invocation)
    {
        var storage = PassesAsync(ct => store.PingAsync(ct), budget, invocation);
        var terminals = Terminals();
        var codes = terminals.Select(terminal => PassesAsync(
            async ct =>
            {
                if (await secureCodes.FindAsync(terminal, refresh: false, ct) is null)
                {
                    throw new KeyNotFoundException();
                }
            },
            budget,
            invocation)).ToList();
        var loaded = await Task.WhenAll(codes);
        return Answer(await storage, [.. terminals.Where((_, i) => !loaded[i]).Select(t => t.Terminal)]);
    }

    private List<TerminalKey> Terminals() => [.. settings.Routing.Terminals];

    // A check fails on any fault, including running out of the budget; only the caller going away propagates.
    private static async Task<bool> PassesAsync(Func<CancellationToken, Task> check, CancellationToken budget, CancellationToken invocation)
    {
        try
        {
            await check(budget);
            return true;
        }
        catch (Exception) when (!invocation.IsCancellationRequested)
        {
            return false;
        }
    }

    private static ContentResult Answer(bool storageOk, IReadOnlyList<string> missing)
    {
        var healthy = storageOk && missing.Count == 0;
        return ApiResults.Ok(
            new { status = healthy ? "healthy" : "unhealthy", storage = storageOk ? "ok" : "unreachable", secureCodes = missing.Count == 0 ? "ok" : "missing for terminals " + string.Join(", ", missing) },
            healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
