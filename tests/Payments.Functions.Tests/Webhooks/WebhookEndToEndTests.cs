using System.Net;
using System.Text.Json;
using Payments.Core.Tests.Webhooks;
using Payments.Infrastructure.Tests.Webhooks;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>The app with one webhook endpoint: a loopback receiver subscribed to payment.succeeded.</summary>
public sealed class WebhookAppFixture : AppFixture
{
    public string Secret { get; } = ReferenceWebhookVerifier.NewSecret();

    public WebhookReceiver Receiver { get; } = WebhookReceiver.StartAsync().GetAwaiter().GetResult();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Webhooks:Endpoints:0:Url"] = Receiver.Url("shop").ToString();
        settings["Webhooks:Endpoints:0:Events"] = "payment.succeeded";
        settings["Webhooks:Endpoints:0:Secret"] = Secret;
        settings["Webhooks:FirstRetryDelay"] = "00:00:01";
        settings["Webhooks:MaxRetryDelay"] = "00:00:01";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>
/// End to end over the local runner, Azurite and the sandbox: a payment that succeeds reaches the
/// merchant's receiver as a signed webhook through the change projector, the outbox queue and the
/// delivery trigger, is kept in the timeline, and can be sent again.
/// </summary>
[Collection(WebhookAppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebhookEndToEndTests(WebhookAppFixture app)
{
    [Fact]
    public async Task APaymentThatSucceeds_ReachesTheReceiverSigned_AndRedeliverSendsItAgainWithTheSameId()
    {
        // The first attempt is refused: the event arrives on the retry.
        app.Receiver.Behaviour["shop"] = n => n == 1 && app.Receiver.Requests.IsEmpty ? 503 : 200;
        var (id, order, secret) = await app.CreateAsync("card", amount: 2750);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } });

        var delivered = await WaitForAsync(() => app.Receiver.For("shop").Where(r => r.Status == 200 && r.Id.StartsWith($"evt_{order}.", StringComparison.Ordinal)).ToList(), 1);

        var request = delivered[0];
        Assert.True(ReferenceWebhookVerifier.Verifies(app.Secret, request.Id, request.Timestamp, request.Body, request.Signature));
        using (var body = JsonDocument.Parse(request.Body))
        {
            Assert.Equal(request.Id, body.RootElement.GetProperty("id").GetString());
            Assert.Equal("payment.succeeded", body.RootElement.GetProperty("type").GetString());
            Assert.Equal(id, body.RootElement.GetProperty("data").GetProperty("paymentId").GetString());
        }

        Assert.DoesNotContain("4111111111111111", System.Text.Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);

        using var redeliver = new HttpRequestMessage(HttpMethod.Post, $"api/events/{request.Id}/redeliver");
        redeliver.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        var answer = await app.Api.SendAsync(redeliver);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("endpoints").GetInt32());
        var again = await WaitForAsync(() => app.Receiver.For("shop").Where(r => r.Status == 200 && r.Id == request.Id).ToList(), 2);
        Assert.Equal(request.Body, again[1].Body);

        using var timeline = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}/timeline");
        timeline.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        var entries = JsonDocument.Parse(await (await app.Api.SendAsync(timeline)).Content.ReadAsStringAsync()).RootElement.GetProperty("entries");
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("type").GetString() == "webhook" && e.GetProperty("summary").GetString()!.Contains("delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redeliver_UnknownEvent_Is404Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/events/evt_NO-SUCH-ORDER.1/redeliver");
        request.Headers.Add("x-functions-key", AppFixture.FunctionKey);

        var answer = await app.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<List<T>> WaitForAsync<T>(Func<List<T>> read, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var found = read();
            if (found.Count >= count)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {count} deliveries; got {found.Count}.");
            await Task.Delay(200);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookAppCollection : ICollectionFixture<WebhookAppFixture>
{
    public const string Name = "app with a webhook endpoint";
}
