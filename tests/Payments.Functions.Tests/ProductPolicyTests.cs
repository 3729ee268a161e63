using System.Net;
using System.Net.Http.Json;
using Payments.Core.Application;

namespace Payments.Functions.Tests;

/// <summary>The app as deployed: the product's reconcile policy (first check after 30 s) and a
/// reconcile queue of its own, so every message it queues can be counted. The development operator
/// sign-in is on, so an operator's "ask now" can be told apart from the scheduled checks.</summary>
public sealed class ProductPolicyAppFixture : AppFixture
{
    public string ReconcileQueue { get; } = "e2e-rq-" + Guid.NewGuid().ToString("N")[..12];

    protected override ReconcilePolicy? Policy() => null;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Storage:ReconcileQueue"] = ReconcileQueue;
        settings["Operators:DevelopmentSignIn"] = "true";
        settings["Operators:DevelopmentName"] = "dev-operator";
    }
}

[CollectionDefinition(Name)]
public sealed class ProductPolicyCollection : ICollectionFixture<ProductPolicyAppFixture>
{
    public const string Name = "app with the product's policy";
}

[Collection(ProductPolicyCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ProductPolicyTests(ProductPolicyAppFixture app)
{
    [Fact]
    public async Task AnOperatorAsksNow_AndAPaymentTheShopperCompletedSettlesBeforeItsFirstScheduledCheck()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web", amount: 1200);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, new { });
        var gatewayId = Assert.Single(await app.SandboxTransactionsAsync(order))!["payment_id"]!.GetValue<string>();
        (await app.Sandbox.PostAsJsonAsync($"sandbox/payments/{gatewayId}/complete", new { outcome = "success" })).EnsureSuccessStatusCode();
        Assert.Equal("pending", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());

        var asked = await app.Api.PostAsync($"api/operator/payments/{id}/check", null);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("succeeded", System.Text.Json.Nodes.JsonNode.Parse(await asked.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await app.Api.PostAsync($"api/operator/payments/{id}/check", null)).StatusCode);
        using var timeline = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}/timeline");
        timeline.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        var story = await (await app.Api.SendAsync(timeline)).Content.ReadAsStringAsync();
        Assert.Contains("dev-operator asked Oceanpayment about the payment now", story, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedNoticeFlood_AddsAtMostOneQueuedCheckAndABoundedNumberOfRows()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web", amount: 2500);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, new { });
        var queue = app.Queue(app.ReconcileQueue);
        var (messagesBefore, rowsBefore) = (await MessagesAsync(), await RowsAsync(order));

        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var fields = Notices.Success(order, "25.00", terminal: "99514903");
            if (i % 2 == 1)
            {
                fields["payment_authType"] = "00"; // off its shape, whatever the signature
            }

            var response = await app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(fields, "guess-" + i), ct);
            Assert.Equal("receive-ok", await response.Content.ReadAsStringAsync(ct));
        });

        Assert.InRange(await MessagesAsync() - messagesBefore, 0, 1);
        Assert.InRange(await RowsAsync(order) - rowsBefore, 0, 2); // the hour's security row (two across an hour boundary)
        Assert.Equal("pending", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());

        async Task<int> MessagesAsync() => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    [Fact]
    public async Task GenuineSuccessReturn_WithoutANotice_LandsOnSucceededThroughOneLiveQuery()
    {
        var (id, order, secret, action, fields) = await app.ThreeDSecureReturnAsync("success");

        // No notice, and the first queued check is 30 s away: only the live query can confirm it now.
        var returned = await ShopperBrowser.PostAsync(action, fields);
        var replayed = await ShopperBrowser.PostAsync(action, fields);

        Assert.Equal(HttpStatusCode.SeeOther, returned.StatusCode);
        Assert.EndsWith($"paymentId={id}&status=succeeded", returned.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("status=succeeded", replayed.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
        var rows = await app.RowsOfAsync(order);
        Assert.Single(rows, e => e.GetString("ValuesJson")?.Contains("\"why\":\"live\"", StringComparison.Ordinal) == true);
    }

    private async Task<int> RowsAsync(string order) => (await app.RowsOfAsync(order)).Count;
}
