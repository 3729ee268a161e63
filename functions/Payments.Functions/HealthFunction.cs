using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Functions.Api;

namespace Payments.Functions;

/// <summary><c>GET /api/health</c>: storage answers and every configured terminal's secure code loads.</summary>
public sealed class HealthFunction(IPaymentStore store, ISecureCodeSource secureCodes, PaymentsSettings settings)
{
    [Function("Health")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var storage = "ok";
        try
        {
            await store.PingAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            storage = "unreachable";
        }

        var missing = new List<string>();
        foreach (var terminal in settings.Methods.Routes.Select(r => r.Terminal).Distinct())
        {
            if (await secureCodes.FindAsync(new TerminalKey(settings.Account, terminal), refresh: false, cancellationToken) is null)
            {
                missing.Add(terminal);
            }
        }

        var healthy = storage == "ok" && missing.Count == 0;
        return ApiResults.Ok(
            new { status = healthy ? "healthy" : "unhealthy", storage, secureCodes = missing.Count == 0 ? "ok" : "missing for terminals " + string.Join(", ", missing) },
            healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
