using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Events;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>GET /api/events?after=&lt;cursor&gt;&amp;limit=&lt;n&gt;</c> (function key): every event once, each
/// exactly as webhooks send it, in the order it was added to the feed (a payment's events in their
/// order), with the cursor to read on from. An event is readable as soon as the projector has added it;
/// reading on from the last <c>next</c> after an outage gives everything missed, however late it came.
/// </summary>
public sealed class EventsFeedFunction(IEventFeed feed, OperationBudgets budgets)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    [Function("EventsFeed")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "events")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var limit = DefaultLimit;
        if (request.Query["limit"] is { Count: > 0 } asked
            && (!int.TryParse(asked.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Task.FromResult<IActionResult>(ApiResults.Validation([new("limit", $"limit must be a whole number from 1 to {MaxLimit}.")]));
        }

        var after = request.Query["after"] is { Count: > 0 } cursor ? cursor.ToString() : null;
        return budgets.RunAsync("events feed", budgets.Api, cancellationToken, token => ReadAsync(after, limit, token), ApiResults.Unavailable);
    }

    private async Task<IActionResult> ReadAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        var page = await feed.ReadAsync(after, limit, cancellationToken);
        if (page is null)
        {
            return ApiResults.Validation([new("after", "Not a cursor of this feed; start without one or use a 'next' it gave.")]);
        }

        // The events are written as stored: the same bytes webhooks sign and send.
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("data");
            foreach (var merchantEvent in page.Events)
            {
                json.WriteRawValue(merchantEvent.Body.Span, skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteString("next", page.Next);
            json.WriteBoolean("hasMore", page.HasMore);
            json.WriteEndObject();
        }

        return new FileContentResult(buffer.WrittenSpan.ToArray(), "application/json; charset=utf-8");
    }
}
