using System.Text;
using System.Text.Json;
using Payments.Core.Events;
using Payments.Core.Tests.Webhooks;
using Payments.Infrastructure.Webhooks;

namespace Payments.Infrastructure.Tests.Webhooks;

/// <summary>Webhook delivery end to end over Azurite queues and a loopback receiver; the event store is a fake.</summary>
[Trait("Category", "Integration")]
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly string _secret = ReferenceWebhookVerifier.NewSecret();
    private readonly string _nextSecret = ReferenceWebhookVerifier.NewSecret();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Deliver_Accepted_SignsTheExactBodyAsAnIndependentHmacExpects()
    {
        await using var rig = Rig(("shop", "*", _secret, null));
        rig.StartPump();

        var sent = await rig.PublishAsync("ORD-A1", 3, body: "{\"id\":\"evt_ORD-A1.3\",\"name\":\"Zoë 支付\"}");
        await WebhookRig.WaitUntilAsync(() => rig.Records.Count == 1, 15, "the delivery");

        var request = Assert.Single(_receiver.For("shop"));
        Assert.Equal(sent.Id, request.Id);
        Assert.Equal(sent.Body.ToArray(), request.Body);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.InRange(long.Parse(request.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(ReferenceWebhookVerifier.Expected(_secret, sent.Id, request.Timestamp, request.Body), request.Signature);
        Assert.False(ReferenceWebhookVerifier.Verifies(ReferenceWebhookVerifier.NewSecret(), sent.Id, request.Timestamp, request.Body, request.Signature));
        var (order, record) = Assert.Single(rig.Records);
        Assert.Equal("ORD-A1", order);
        Assert.Equal("delivered", record.Values["outcome"]);
        Assert.Equal("200", record.Values["status"]);
        Assert.Equal(_receiver.BaseUri.Authority, record.Values["endpoint"]);
        Assert.Equal(1, rig.Metric("webhooks.delivered"));
    }

    [Fact]
    public async Task Deliver_SecretBeingRotated_CarriesBothSignaturesEachVerifyingWithItsOwnSecret()
    {
        await using var rig = Rig(("shop", "*", _secret, _nextSecret));
        rig.StartPump();

        var sent = await rig.PublishAsync("ORD-R1", 1);
        await WebhookRig.WaitUntilAsync(() => rig.Records.Count == 1, 15, "the delivery");

        var request = Assert.Single(_receiver.For("shop"));
        var parts = request.Signature.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(ReferenceWebhookVerifier.Expected(_secret, sent.Id, request.Timestamp, request.Body), parts[0]);
        Assert.Equal(ReferenceWebhookVerifier.Expected(_nextSecret, sent.Id, request.Timestamp, request.Body), parts[1]);
    }

    [Fact]
    public async Task Deliver_ReceiverRefusesTheFirstAttempts_GetsItLaterWithTheSameWebhookId()
    {
        // The rig's 1 s request timeout is for the hanging-endpoint tests. Here it made the count of attempts
        // depend on the machine: on loaded cores an answered request could outlast it, count as timed out and be
        // retried, so four attempts and four records came where the test waits for exactly three.
        await using var rig = Rig([("shop", "*", _secret, null)], ("Webhooks:Timeout", "00:00:10"));
        _receiver.Behaviour["shop"] = n => n <= 2 ? 500 : 204;
        rig.StartPump();

        var sent = await rig.PublishAsync("ORD-B1", 1);
        await WebhookRig.WaitUntilAsync(() => _receiver.For("shop").Any(r => r.Status == 204), 20, "the third attempt");

        var requests = _receiver.For("shop");
        Assert.Equal([500, 500, 204], requests.Select(r => r.Status));
        Assert.All(requests, r => Assert.Equal(sent.Id, r.Id));
        Assert.All(requests, r => Assert.True(ReferenceWebhookVerifier.Verifies(_secret, r.Id, r.Timestamp, r.Body, r.Signature)));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.9), "the second attempt waited for its backoff");
        await WebhookRig.WaitUntilAsync(() => rig.Records.Count == 3, 10, "three timeline records");
        Assert.Equal(["1:500:retrying", "2:500:retrying", "3:204:delivered"], rig.Records.Select(r => $"{r.Record.Values["attempt"]}:{r.Record.Values["status"]}:{r.Record.Values["outcome"]}").Order());
        Assert.Equal(2, rig.Metric("webhooks.failed_attempts"));
    }

    [Fact]
    public async Task Deliver_ReceiverDownForAWhile_GetsEveryEventAfterwards()
    {
        await using var rig = Rig(("shop", "*", _secret, null));
        var up = false;
        _receiver.Behaviour["shop"] = _ => Volatile.Read(ref up) ? 200 : 503;
        rig.StartPump();

        var sent = new List<MerchantEvent>();
        for (var i = 1; i <= 5; i++)
        {
            sent.Add(await rig.PublishAsync("ORD-C" + i, 1));
        }

        await WebhookRig.WaitUntilAsync(() => _receiver.For("shop").Select(r => r.Id).Distinct().Count() == 5, 15, "a first attempt of every event");
        Volatile.Write(ref up, true);
        await WebhookRig.WaitUntilAsync(() => _receiver.For("shop").Count(r => r.Status == 200) >= 5, 20, "every event accepted");

        Assert.Equal(sent.Select(e => e.Id).Order(), _receiver.For("shop").Where(r => r.Status == 200).Select(r => r.Id).Distinct().Order());
        Assert.Empty(await rig.PeekDeadLettersAsync());
    }

    [Fact]
    public async Task Deliver_OneEndpointHangs_TheOtherGetsEveryEventWithoutWaiting()
    {
        await using var rig = Rig(("slow", "*", _secret, null), ("fast", "*", _nextSecret, null));
        _receiver.Behaviour["slow"] = _ => null;
        rig.StartPump();
        await rig.PublishAsync("ORD-W0", 1);
        await WebhookRig.WaitUntilAsync(() => _receiver.For("fast").Count == 1, 15, "a warm-up delivery");

        var started = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 3; i++)
        {
            await rig.PublishAsync("ORD-D" + i, 1);
        }

        await WebhookRig.WaitUntilAsync(() => _receiver.For("fast").Count == 4, 15, "the fast endpoint's deliveries");
        var lastFast = _receiver.For("fast").Max(r => r.At);

        // The slow endpoint's attempts each take the whole 1 s timeout; waiting on them would take 3 s or more.
        Assert.True(lastFast - started < TimeSpan.FromSeconds(1), $"the fast endpoint waited {(lastFast - started).TotalMilliseconds} ms");
        await WebhookRig.WaitUntilAsync(() => rig.Records.Any(r => r.Record.Values["status"] == "timeout"), 10, "a timed-out attempt");
    }

    [Fact]
    public async Task Deliver_NeverAccepted_IsDeadLetteredAfterTheLastAttemptWithLogEventAndMetric()
    {
        await using var rig = Rig([("shop", "*", _secret, null)], ("Webhooks:RetryHorizon", "00:00:04"));
        _receiver.Behaviour["shop"] = _ => 502;
        rig.StartPump();

        var sent = await rig.PublishAsync("ORD-E1", 2);
        await WebhookRig.WaitUntilAsync(() => rig.Metric("webhooks.dead_lettered") == 1, 20, "the dead letter");

        var attempts = _receiver.For("shop");
        var deadLetter = JsonDocument.Parse(Assert.Single(await rig.PeekDeadLettersAsync())).RootElement;
        Assert.Equal(sent.Id, deadLetter.GetProperty("eventId").GetString());
        Assert.Equal(WebhookEndpoint.IdOf(_receiver.Url("shop")), deadLetter.GetProperty("endpoint").GetString());
        Assert.Equal(attempts.Count, deadLetter.GetProperty("attempts").GetInt32());
        Assert.Equal("502", deadLetter.GetProperty("lastStatus").GetString());
        Assert.InRange(attempts.Count, 3, 4);
        var logged = Assert.Single(rig.Logs.Lines, l => l.EventId == WebhookDispatcher.DeadLetterEventId);
        Assert.Contains(sent.Id, logged.Message, StringComparison.Ordinal);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, logged.Level);
        Assert.Equal("dead-lettered", rig.Records.Single(r => r.Record.Values["attempt"] == attempts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Record.Values["outcome"]);

        // Nothing more is tried after the dead letter.
        await Task.Delay(2500);
        Assert.Equal(attempts.Count, _receiver.For("shop").Count);
    }

    [Fact]
    public async Task Deliver_EndpointRemovedFromSettings_DropsItsMessageWithALogLine()
    {
        await using var rig = Rig(("shop", "*", _secret, null));
        var removed = WebhookEndpoint.IdOf(_receiver.Url("gone"));
        await rig.QueueOutbox.ScheduleAsync(new WebhookMessage(EventIds.Format("ORD-F1", 1), removed, 2, DateTimeOffset.UtcNow), TimeSpan.Zero, CancellationToken.None);
        rig.StartPump();

        await WebhookRig.WaitUntilAsync(() => rig.Logs.Lines.Any(l => l.Message.Contains(removed, StringComparison.Ordinal)), 15, "the drop log line");

        Assert.Empty(_receiver.Requests);
        Assert.Empty(rig.Records);
        await WebhookRig.WaitUntilAsync(() => rig.DeliveryQueue.GetProperties().Value.ApproximateMessagesCount == 0, 5, "the message to be deleted");
    }

    [Fact]
    public async Task Enqueue_OnlySubscribedEndpoints_OneMessageEachNamingEventAndEndpointOnly()
    {
        await using var rig = Rig(("all", "*", _secret, null), ("refunds", "refund.succeeded,refund.failed", _secret, null), ("paid", "payment.succeeded", _secret, null));

        var sent = await rig.PublishAsync("ORD-G1", 4, MerchantEventTypes.PaymentSucceeded);

        var messages = (await rig.DeliveryQueue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal(2, await rig.Outbox.EnqueueAsync(sent, CancellationToken.None));
        var endpoints = new List<string>();
        foreach (var message in messages)
        {
            var json = JsonDocument.Parse(message).RootElement;
            Assert.Equal(["attempt", "endpoint", "eventId", "firstAttemptAt"], json.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(sent.Id, json.GetProperty("eventId").GetString());
            Assert.Equal(1, json.GetProperty("attempt").GetInt32());
            endpoints.Add(json.GetProperty("endpoint").GetString()!);
        }

        Assert.Equal(new[] { _receiver.Url("all"), _receiver.Url("paid") }.Select(WebhookEndpoint.IdOf).Order(), endpoints.Order());
    }

    [Fact]
    public async Task Deliver_Anything_NoMessageOrLogCarriesSecretsSignaturesBodiesOrTheUrlToken()
    {
        const string Token = "tok3n-in-the-url";
        const string BodyMarker = "body-only-marker";
        await using var rig = Rig([("shop", "*", _secret, _nextSecret, $"?token={Token}")], ("Webhooks:RetryHorizon", "00:00:03"));
        _receiver.Behaviour["shop"] = n => n == 1 ? 500 : 418;
        rig.StartPump();

        var sent = await rig.PublishAsync("ORD-H1", 1, body: $"{{\"id\":\"evt_ORD-H1.1\",\"data\":{{\"note\":\"{BodyMarker}\"}}}}");
        await WebhookRig.WaitUntilAsync(() => rig.Metric("webhooks.dead_lettered") == 1, 20, "the dead letter");

        var everything = string.Join('\n', rig.RawMessages.Concat(await rig.PeekDeadLettersAsync()).Concat(rig.Logs.Lines.Select(l => l.Message))
            .Concat(rig.Records.SelectMany(r => r.Record.Values.Values)));
        Assert.Contains(sent.Id, everything, StringComparison.Ordinal);
        var forbidden = new List<string> { _secret, _nextSecret, _secret["whsec_".Length..], _nextSecret["whsec_".Length..], Token, BodyMarker };
        foreach (var request in _receiver.For("shop"))
        {
            forbidden.AddRange(request.Signature.Split(' ').Select(s => s["v1,".Length..]));
        }

        Assert.All(forbidden, f => Assert.DoesNotContain(f, everything, StringComparison.Ordinal));
    }

    private WebhookRig Rig(params (string Name, string Events, string Secret, string? Second)[] endpoints)
        => Rig([.. endpoints.Select(e => (e.Name, e.Events, e.Secret, e.Second, string.Empty))]);

    private WebhookRig Rig((string Name, string Events, string Secret, string? Second, string Query)[] endpoints, params (string Key, string Value)[] extra)
    {
        var settings = new List<KeyValuePair<string, string?>>();
        for (var i = 0; i < endpoints.Length; i++)
        {
            var (name, events, secret, second, query) = endpoints[i];
            settings.Add(new($"Webhooks:Endpoints:{i}:Url", _receiver.Url(name, query).ToString()));
            settings.Add(new($"Webhooks:Endpoints:{i}:Events", events));
            settings.Add(new($"Webhooks:Endpoints:{i}:Secret", secret));
            settings.Add(new($"Webhooks:Endpoints:{i}:SecondSecret", second));
        }

        settings.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        return new WebhookRig(settings);
    }

    private WebhookRig Rig((string Name, string Events, string Secret, string? Second)[] endpoints, params (string Key, string Value)[] extra)
        => Rig([.. endpoints.Select(e => (e.Name, e.Events, e.Secret, e.Second, string.Empty))], extra);
}
