using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Events;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions.Webhooks;

/// <summary>
/// <c>POST /api/events/{eventId}/redeliver</c> (function key): sends an event again to every endpoint that
/// subscribes to its type, as a new delivery with the same <c>webhook-id</c>. 202 with how many endpoints
/// it was queued for; 404 for an id that names no event.
/// </summary>
public sealed class RedeliverEventFunction(IMerchantEvents events, IWebhookOutbox outbox, OperationBudgets budgets)
{
    [Function("RedeliverEvent")]
    public Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "events/{eventId}/redeliver")] HttpRequest request, string eventId, CancellationToken cancellationToken)
        => budgets.RunAsync("redeliver", budgets.Api, cancellationToken, token => HandleAsync(eventId, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!EventIds.TryParse(eventId, out _, out _)
            || await events.FindAsync(eventId, cancellationToken) is not { } merchantEvent)
        {
            return ApiResults.Problem(ErrorCode.EventNotFound, "There is no event with this id.");
        }

        var queued = await outbox.EnqueueAsync(merchantEvent, cancellationToken);
        return ApiResults.Ok(new RedeliveryView(merchantEvent.Id, queued), 202);
    }
}

/// <summary>What <c>POST /api/events/{eventId}/redeliver</c> answers.</summary>
public sealed record RedeliveryView(string EventId, int Endpoints);
