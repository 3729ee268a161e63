using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Webhooks;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// Makes one delivery attempt per queue message: reads the event, signs its stored bytes, POSTs them
/// with a short timeout, and decides. A failed attempt books the next one as a new delayed message
/// <em>before</em> this one completes, so a crash at any point loses nothing (at worst the receiver gets
/// a duplicate with the same <c>webhook-id</c>); it never sleeps, so no endpoint waits for another.
/// </summary>
public sealed partial class WebhookDispatcher(
    IMerchantEvents events,
    WebhookEndpoints endpoints,
    WebhookSecrets secrets,
    QueueWebhookOutbox outbox,
    IPaymentStore store,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    WebhookMetrics metrics,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "webhooks";

    /// <summary>Logged once per delivery given up after its last attempt; an alert can count it.</summary>
    public const int DeadLetterEventId = 9101;

    /// <summary>Logged once per delivery message that failed every dequeue and was dead-lettered (WebhookPoison).</summary>
    public const int PoisonEventId = 9102;

    private readonly WebhookRetryPolicy _policy = options.Value.ToPolicy();

    public Task HandleAsync(WebhookMessage message, CancellationToken cancellationToken) => HandleAsync(message, known: null, cancellationToken);

    /// <summary>One attempt; <paramref name="known"/> is the event when the caller holds it (a prompt first attempt), saving a read.</summary>
    public async Task HandleAsync(WebhookMessage message, MerchantEvent? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (endpoints.Find(message.Endpoint) is not { } endpoint)
        {
            LogEndpointRemoved(message.EventId, message.Endpoint, message.Attempt);
            return;
        }

        if ((known is not null && known.Id == message.EventId ? known : await events.FindAsync(message.EventId, cancellationToken).ConfigureAwait(false)) is not { } merchantEvent)
        {
            LogEventMissing(message.EventId, endpoint.Host);
            return;
        }

        if (!endpoint.Subscribes(merchantEvent.Type))
        {
            LogNoLongerSubscribed(merchantEvent.Id, merchantEvent.Type, endpoint.Host);
            return;
        }

        var result = await AttemptAsync(endpoint, merchantEvent, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var decision = _policy.Decide(message.Attempt, message.FirstAttemptAt, now, result.IsDelivered, Random.Shared.NextDouble());
        switch (decision.Kind)
        {
            case WebhookDecisionKind.Delivered:
                metrics.Delivered.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint.Host));
                LogDelivered(merchantEvent.Id, endpoint.Host, message.Attempt, result.Describe());
                break;
            case WebhookDecisionKind.Retry:
                metrics.FailedAttempts.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint.Host));
                await outbox.ScheduleAsync(message with { Attempt = decision.NextAttempt }, decision.Delay, cancellationToken).ConfigureAwait(false);
                LogRetrying(merchantEvent.Id, endpoint.Host, message.Attempt, result.Describe(), (long)decision.Delay.TotalSeconds);
                break;
            default:
                metrics.FailedAttempts.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint.Host));
                await outbox.DeadLetterAsync(WebhookDeadLetter.From(message, endpoint.Host, now, result.Describe()), cancellationToken).ConfigureAwait(false);
                metrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint.Host));
                LogDeadLettered(merchantEvent.Id, endpoint.Host, message.Attempt, result.Describe());
                break;
        }

        await RecordAsync(merchantEvent, endpoint, message.Attempt, result, decision, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebhookAttemptResult> AttemptAsync(WebhookEndpoint endpoint, MerchantEvent merchantEvent, CancellationToken cancellationToken)
    {
        var keys = await secrets.GetAsync(endpoint, cancellationToken).ConfigureAwait(false);
        if (keys is null)
        {
            return WebhookAttemptResult.NoSecret;
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new ReadOnlyMemoryContent(merchantEvent.Body),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, merchantEvent.Id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Header(merchantEvent.Id, timestamp, merchantEvent.Body.Span, keys));

        using var limit = new CancellationTokenSource(options.Value.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return WebhookAttemptResult.Answered((int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebhookAttemptResult.TimedOut;
        }
        catch (HttpRequestException)
        {
            return WebhookAttemptResult.Unreachable;
        }
    }

    /// <summary>Keeps the attempt in the payment's timeline. Best effort: the delivery's fate is already booked, and
    /// failing here would make the queue run the attempt (and book its retry) again.</summary>
    private async Task RecordAsync(MerchantEvent merchantEvent, WebhookEndpoint endpoint, int attempt, WebhookAttemptResult result, WebhookDecision decision, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            var record = WebhookRecords.Attempt(merchantEvent.Id, merchantEvent.Type, endpoint.Host, attempt, result, decision, at);
            await store.AddRecordsAsync(merchantEvent.OrderNumber, [record], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRecordFailed(merchantEvent.Id, endpoint.Host, attempt, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} delivered to {Endpoint} on attempt {Attempt} (HTTP {Status})")]
    private partial void LogDelivered(string webhookId, string endpoint, int attempt, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} to {Endpoint} failed on attempt {Attempt} ({Status}); next attempt in {DelaySeconds} s")]
    private partial void LogRetrying(string webhookId, string endpoint, int attempt, string status, long delaySeconds);

    [LoggerMessage(EventId = DeadLetterEventId, Level = LogLevel.Error, Message = "Webhook {WebhookId} to {Endpoint} was given up after attempt {Attempt} ({Status}) and put in the dead-letter queue")]
    private partial void LogDeadLettered(string webhookId, string endpoint, int attempt, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} for endpoint {EndpointId} dropped at attempt {Attempt}: no configured endpoint has that id any more")]
    private partial void LogEndpointRemoved(string webhookId, string endpointId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} for {Endpoint} dropped: the event does not exist")]
    private partial void LogEventMissing(string webhookId, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} ({EventType}) for {Endpoint} dropped: the endpoint no longer subscribes to that type")]
    private partial void LogNoLongerSubscribed(string webhookId, string eventType, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} attempt {Attempt} to {Endpoint} could not be kept in the timeline ({ErrorType})")]
    private partial void LogRecordFailed(string webhookId, string endpoint, int attempt, string errorType);
}
