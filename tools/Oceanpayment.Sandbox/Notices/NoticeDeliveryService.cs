using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Notices;

/// <summary>Posts notices to noticeUrl until the answer is exactly <c>receive-ok</c>, at most MaxNoticeAttempts times.</summary>
internal sealed partial class NoticeDeliveryService(
    NoticeQueue queue,
    SandboxStore store,
    IHttpClientFactory httpClientFactory,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    ILogger<NoticeDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "oceanpayment-sandbox-notices";
    private const string Acknowledgement = "receive-ok";
    private const int StoredBodyLength = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The last job of each payment: a payment's jobs (result, capture, refunds, disputes) go out
        // one after the other, while different payments are delivered in parallel.
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var done in running.Where(pair => pair.Value.IsCompleted).Select(pair => pair.Key).ToList())
                {
                    running.Remove(done);
                }

                var paymentId = job[0].PaymentId;
                running[paymentId] = AfterAsync(running.GetValueOrDefault(paymentId), job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the jobs below observe the same token.
        }

        await Task.WhenAll(running.Values).ConfigureAwait(false);
    }

    private async Task AfterAsync(Task? previous, IReadOnlyList<NoticeRecord> job, CancellationToken stoppingToken)
    {
        if (previous is not null)
        {
            // The previous job's own failure is not this job's: wait for it to end, however it ended.
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await DeliverJobAsync(job, stoppingToken);
    }

    private async Task DeliverJobAsync(IReadOnlyList<NoticeRecord> job, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var record in job)
            {
                await DeliverAsync(record, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: undelivered notices stay recorded as they are.
        }
    }

    private async Task DeliverAsync(NoticeRecord record, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        for (var attempt = 1; attempt <= settings.MaxNoticeAttempts; attempt++)
        {
            if (attempt > 1)
            {
                var delays = settings.NoticeRetryDelays;
                var delay = delays.Count == 0 ? TimeSpan.Zero : delays[Math.Min(attempt - 2, delays.Count - 1)];
                await Task.Delay(delay, time, stoppingToken);
            }

            var result = await SendAsync(record, attempt, settings.NoticeTimeout, stoppingToken);
            store.RecordAttempt(record, result);
            if (result.Delivered)
            {
                LogDelivered(record.PaymentId, attempt);
                break;
            }

            LogAttemptFailed(record.PaymentId, attempt, result.HttpStatus, result.Error);
        }

        store.MarkFinished(record);
    }

    private async Task<NoticeAttempt> SendAsync(NoticeRecord record, int number, TimeSpan timeout, CancellationToken stoppingToken)
    {
        var at = time.GetUtcNow();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var content = new ByteArrayContent(record.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.PostAsync(record.Target, content, timeoutSource.Token);
            var body = await response.Content.ReadAsStringAsync(timeoutSource.Token);
            var delivered = response.IsSuccessStatusCode && body == Acknowledgement;
            return new NoticeAttempt(number, at, record.Target, (int)response.StatusCode, null, Truncate(body), delivered);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new NoticeAttempt(number, at, record.Target, null, "timed out", "", false);
        }
        catch (HttpRequestException exception)
        {
            return new NoticeAttempt(number, at, record.Target, null, exception.Message, "", false);
        }
    }

    private static string Truncate(string body) => body.Length <= StoredBodyLength ? body : body[..StoredBodyLength];

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice for payment {PaymentId} delivered on attempt {Attempt}")]
    private partial void LogDelivered(string paymentId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice for payment {PaymentId} attempt {Attempt} failed: status {HttpStatus}, error {Error}")]
    private partial void LogAttemptFailed(string paymentId, int attempt, int? httpStatus, string? error);
}
