using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Infrastructure.Options;

namespace Payments.Infrastructure.Gateway;

/// <summary>
/// <see cref="IOceanpaymentClient"/> over a typed <see cref="HttpClient"/>: one form POST per call,
/// never retried here, with a per-call timeout and a size cap on the answer. Failure reasons are safe
/// to log: they never hold the request body.
/// </summary>
public sealed partial class HttpOceanpaymentClient : IOceanpaymentClient
{
    /// <summary>Largest answer read; real ones are a few KB of XML.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    public const string QueryPath = "/service/check/normal";

    public const string RefundPath = "/service/applyRefund";

    public const string RefundQueryPath = "/service/queryRefund";

    public const string AuthPath = "/gateway/service/auth";

    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Uri _paymentBase;
    private readonly Uri _queryBase;
    private readonly TimeSpan _paymentTimeout;
    private readonly TimeSpan _queryTimeout;
    private readonly PaymentsTelemetry _metrics;
    private readonly ILogger<HttpOceanpaymentClient> _logger;

    public HttpOceanpaymentClient(HttpClient http, IOptions<OceanpaymentOptions> options, PaymentsTelemetry metrics, ILogger<HttpOceanpaymentClient> logger)
        : this(
            http,
            new Uri(options.Value.PaymentBaseUrl),
            new Uri(options.Value.QueryBaseUrl),
            TimeSpan.FromSeconds(options.Value.PaymentTimeoutSeconds),
            TimeSpan.FromSeconds(options.Value.QueryTimeoutSeconds),
            metrics,
            logger)
    {
    }

    internal HttpOceanpaymentClient(
        HttpClient http, Uri paymentBase, Uri queryBase, TimeSpan paymentTimeout, TimeSpan queryTimeout, PaymentsTelemetry metrics, ILogger<HttpOceanpaymentClient> logger)
    {
        _http = http;
        _paymentBase = paymentBase;
        _queryBase = queryBase;
        _paymentTimeout = paymentTimeout;
        _queryTimeout = queryTimeout;
        _metrics = metrics;
        _logger = logger;
    }

    public Task<GatewayCall> PayAsync(MethodRoute route, GatewayForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        return PostAsync("pay", Combine(_paymentBase, route.Path), form, _paymentTimeout, cancellationToken);
    }

    public Task<GatewayCall> QueryAsync(GatewayForm form, CancellationToken cancellationToken)
        => PostAsync("query", Combine(_queryBase, QueryPath), form, _queryTimeout, cancellationToken);

    public Task<GatewayCall> RefundAsync(GatewayForm form, CancellationToken cancellationToken)
        => PostAsync("refund", Combine(_queryBase, RefundPath), form, _queryTimeout, cancellationToken);

    public Task<GatewayCall> RefundQueryAsync(GatewayForm form, CancellationToken cancellationToken)
        => PostAsync("refund-query", Combine(_queryBase, RefundQueryPath), form, _queryTimeout, cancellationToken);

    public Task<GatewayCall> AuthAsync(GatewayForm form, CancellationToken cancellationToken)
        => PostAsync("auth", Combine(_paymentBase, AuthPath), form, _paymentTimeout, cancellationToken);

    private async Task<GatewayCall> PostAsync(string endpoint, Uri uri, GatewayForm form, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        GatewayCall call;
        try
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(form.Encode()));
            content.Headers.ContentType = FormContentType;
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            call = response.IsSuccessStatusCode
                ? await ReadAnswerAsync(response, timeoutSource.Token).ConfigureAwait(false)
                : GatewayCall.Failed($"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            call = GatewayCall.Failed($"timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            // The message of an HttpRequestException describes the connection, never the content sent.
            call = GatewayCall.Failed(ex.HttpRequestError == HttpRequestError.Unknown ? "connection failed" : $"connection failed: {ex.HttpRequestError}");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        _metrics.GatewayLatency.Record(
            elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>("endpoint", endpoint),
            new KeyValuePair<string, object?>("outcome", call.Answered ? "answer" : "failed"));
        if (!call.Answered)
        {
            LogCallFailed(_logger, endpoint, uri.Host, call.Failure!, (long)elapsed.TotalMilliseconds);
        }

        return call;
    }

    private static async Task<GatewayCall> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            return GatewayCall.Failed("answer too large");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // One byte more than allowed tells an oversized answer apart from one that fills the cap exactly.
            var buffer = new byte[MaxAnswerBytes + 1];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            return filled > MaxAnswerBytes ? GatewayCall.Failed("answer too large") : GatewayCall.Answer(buffer[..filled]);
        }
    }

    private static Uri Combine(Uri baseUri, string path)
        => new(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + path, UriKind.Absolute);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Oceanpayment {Endpoint} call to {Host} failed after {ElapsedMs} ms: {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string endpoint, string host, string reason, long elapsedMs);
}
