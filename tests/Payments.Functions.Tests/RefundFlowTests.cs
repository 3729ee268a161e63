using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Payments.Functions.Tests;

/// <summary>Refunds and business notices over real HTTP: runner + Azurite + sandbox.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RefundFlowTests(AppFixture app)
{
    private static object Card(string number) => new { card = new { number, expMonth = "12", expYear = "2030", cvc = "123" } };

    private async Task<(string Id, string Order, string Secret)> PaidAsync(string? scenario = null, long amount = 1050)
    {
        var (id, order, secret) = await app.CreateAsync("card", amount);
        if (scenario is not null)
        {
            await app.SetScenarioAsync(order, scenario);
        }

        var confirmed = await app.ConfirmAsync(id, secret, Card("4111111111111111"));
        Assert.Equal("succeeded", confirmed["status"]!.GetValue<string>());
        return (id, order, secret);
    }

    private Task<HttpResponseMessage> RefundAsync(string paymentId, object body, string? idempotencyKey = null, string? key = AppFixture.FunctionKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/payments/{paymentId}/refunds") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return app.Api.SendAsync(request);
    }

    private async Task<JsonNode> CreatedRefundAsync(string paymentId, object body)
    {
        var response = await RefundAsync(paymentId, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonArray> RefundsAsync(string paymentId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{paymentId}/refunds");
        request.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        var response = await app.Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();
    }

    private async Task<JsonNode> WaitForRefundAsync(string paymentId, string refundId, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonNode? refund;
        do
        {
            refund = (await RefundsAsync(paymentId)).Single(r => r!["refundId"]!.GetValue<string>() == refundId);
            if (refund!["status"]!.GetValue<string>() == status)
            {
                return refund;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Refund {refundId} stayed {refund!["status"]} instead of reaching {status}.");
        return refund;
    }

    private async Task<JsonArray> SandboxRefundsAsync(string gatewayPaymentId)
        => (JsonNode.Parse(await app.Sandbox.GetStringAsync($"sandbox/refunds?payment_id={gatewayPaymentId}")) as JsonArray)!;

    private async Task<string> GatewayPaymentIdAsync(string order)
        => (await app.SandboxTransactionsAsync(order)).Single()!["payment_id"]!.GetValue<string>();

    [Fact]
    public async Task AFullRefund_IsSettledByItsNotice_AndShownOnThePayment()
    {
        var (id, order, secret) = await PaidAsync();

        var refund = await CreatedRefundAsync(id, new { reason = "Returned item" });

        Assert.Equal("pending", refund["status"]!.GetValue<string>());
        Assert.Equal(1050, refund["amount"]!.GetValue<long>());
        Assert.Equal("USD", refund["currency"]!.GetValue<string>());
        Assert.Equal(id, refund["paymentId"]!.GetValue<string>());
        var settled = await WaitForRefundAsync(id, refund["refundId"]!.GetValue<string>(), "succeeded");
        Assert.False(string.IsNullOrEmpty(settled["gatewayRefundId"]?.GetValue<string>()));
        var payment = await app.GetAsync(id, secret);
        Assert.Equal("succeeded", payment["status"]!.GetValue<string>());
        Assert.Equal(1050, payment["amountRefunded"]!.GetValue<long>());
        var sandbox = Assert.Single(await SandboxRefundsAsync(await GatewayPaymentIdAsync(order)));
        Assert.Equal("1", sandbox!["refund_type"]!.GetValue<string>());
        Assert.Contains(await app.SandboxNoticesAsync(order), n => n!["notice_type"]!.GetValue<string>() == "refund" && n["delivered"]!.GetValue<bool>());
        // The notice named the refund and made its check run; the query settled it.
        var timeline = await TimelineAsync(id);
        var named = timeline.FindIndex(e => e["type"]!.GetValue<string>() == "refund-notice" && e["details"]!["matched"]?.GetValue<string>() == "yes");
        Assert.True(named >= 0, "no refund notice matched the refund");
        Assert.Contains(timeline, e => e["type"]!.GetValue<string>() == "refund-succeeded");
    }

    private async Task<List<JsonNode>> TimelineAsync(string paymentId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{paymentId}/timeline");
        request.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        var response = await app.Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["entries"]!.AsArray().Select(e => e!)];
    }

    [Fact]
    public async Task TwoPartialRefunds_ThenMoreThanTheRest_IsRefusedWith422()
    {
        var (id, _, secret) = await PaidAsync();

        var first = await CreatedRefundAsync(id, new { amount = 400, reason = "One item" });
        var second = await CreatedRefundAsync(id, new { amount = 500, reason = "Another item" });
        var over = await RefundAsync(id, new { amount = 151 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType!.MediaType);
        await WaitForRefundAsync(id, first["refundId"]!.GetValue<string>(), "succeeded");
        await WaitForRefundAsync(id, second["refundId"]!.GetValue<string>(), "succeeded");
        Assert.Equal(900, (await app.GetAsync(id, secret))["amountRefunded"]!.GetValue<long>());
        var listed = await RefundsAsync(id);
        Assert.Equal([second["refundId"]!.GetValue<string>(), first["refundId"]!.GetValue<string>()], listed.Select(r => r!["refundId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, (await RefundAsync(id, new { amount = 150 })).StatusCode);
    }

    [Fact]
    public async Task TenConcurrentRefundsOfAFifth_NeverExceedTheAmount()
    {
        var (id, order, _) = await PaidAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => RefundAsync(id, new { amount = 210, reason = "part " + i })));

        var codes = string.Join(",", answers.Select(a => (int)a.StatusCode));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Created) == 5, codes);
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.UnprocessableEntity));
        var atGateway = await SandboxRefundsAsync(await GatewayPaymentIdAsync(order));
        Assert.Equal(5, atGateway.Count);
        Assert.Equal(5, (await RefundsAsync(id)).Count);
    }

    [Fact]
    public async Task WithoutANotice_TheRefundQuerySettlesIt()
    {
        var (id, order, _) = await PaidAsync("no-notice");

        var refund = await CreatedRefundAsync(id, new { amount = 300 });

        await WaitForRefundAsync(id, refund["refundId"]!.GetValue<string>(), "succeeded");
        Assert.DoesNotContain(await app.SandboxNoticesAsync(order), n => n!["notice_type"]!.GetValue<string>() is "refund" or "partialRefund");
    }

    [Fact]
    public async Task ARefundThatFails_IsFailed_AndItsAmountIsRefundableAgain()
    {
        var (id, _, secret) = await PaidAsync("refund-fails");

        var refund = await CreatedRefundAsync(id, new { amount = 1050 });

        var failed = await WaitForRefundAsync(id, refund["refundId"]!.GetValue<string>(), "failed");
        Assert.NotNull(failed["failure"]);
        Assert.Equal(0, (await app.GetAsync(id, secret))["amountRefunded"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Created, (await RefundAsync(id, new { amount = 1050 })).StatusCode);
    }

    [Fact]
    public async Task ARefundInReview_StaysPendingUntilTheGatewayReleasesIt()
    {
        var (id, order, _) = await PaidAsync("refund-review");
        var refund = await CreatedRefundAsync(id, new { amount = 100 });
        var refundId = refund["refundId"]!.GetValue<string>();

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("pending", (await RefundsAsync(id)).Single()!["status"]!.GetValue<string>());

        var gatewayRefundId = (await SandboxRefundsAsync(await GatewayPaymentIdAsync(order))).Single()!["refund_id"]!.GetValue<string>();
        (await app.Sandbox.PostAsync($"sandbox/refunds/{gatewayRefundId}/release", null)).EnsureSuccessStatusCode();
        await WaitForRefundAsync(id, refundId, "succeeded");
    }

    [Fact]
    public async Task ALostRefundAnswer_IsNeverSentAgain_AndIsFoundThroughItsNotice()
    {
        var (id, order, _) = await PaidAsync("refund-answer-lost");

        var refund = await CreatedRefundAsync(id, new { amount = 250 });

        // Pending when it answers, or already settled if the notice and the query beat the timeout.
        Assert.NotEqual("failed", refund["status"]!.GetValue<string>());
        await WaitForRefundAsync(id, refund["refundId"]!.GetValue<string>(), "succeeded");
        Assert.Single(await SandboxRefundsAsync(await GatewayPaymentIdAsync(order)));
    }

    [Fact]
    public async Task TheSameIdempotencyKey_GivesTheSameRefund_AndBadRequestsAreProblems()
    {
        var (id, order, _) = await PaidAsync();

        var first = await RefundAsync(id, new { amount = 100 }, "refund-key-1");
        var again = await RefundAsync(id, new { amount = 100 }, "refund-key-1");
        var reused = await RefundAsync(id, new { amount = 200 }, "refund-key-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(JsonNode.Parse(await first.Content.ReadAsStringAsync())!["refundId"]!.GetValue<string>(), JsonNode.Parse(await again.Content.ReadAsStringAsync())!["refundId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Single(await SandboxRefundsAsync(await GatewayPaymentIdAsync(order)));
        Assert.Equal(HttpStatusCode.BadRequest, (await RefundAsync(id, new { amount = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefundAsync(id, new { amount = 1, reason = "a\u0001b" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefundAsync(id, new { amount = 1 }, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RefundAsync("pay_NOSUCHORDER", new { amount = 1 })).StatusCode);
    }

    [Fact]
    public async Task ADeclinedPayment_CannotBeRefunded()
    {
        var (id, _, secret) = await app.CreateAsync("card");
        await app.ConfirmAsync(id, secret, Card("4000000000000002"));

        var answer = await RefundAsync(id, new { amount = 100 });

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Empty(await RefundsAsync(id));
    }

    [Fact]
    public async Task AChargeback_OpensADispute_AndItsOutcomeClosesIt()
    {
        var (id, order, secret) = await PaidAsync();
        var gatewayPaymentId = await GatewayPaymentIdAsync(order);

        (await app.Sandbox.PostAsJsonAsync($"sandbox/payments/{gatewayPaymentId}/business-notices", new { type = "chargeBack", status = 2 })).EnsureSuccessStatusCode();
        var opened = await WaitForAsync(id, secret, p => p["dispute"]?["status"]?.GetValue<string>() == "open");
        Assert.Equal("succeeded", opened["status"]!.GetValue<string>());

        (await app.Sandbox.PostAsJsonAsync($"sandbox/payments/{gatewayPaymentId}/business-notices", new { type = "re-presentment", status = 2 })).EnsureSuccessStatusCode();
        (await app.Sandbox.PostAsJsonAsync($"sandbox/payments/{gatewayPaymentId}/business-notices", new { type = "re-presentment", status = 1 })).EnsureSuccessStatusCode();
        var closed = await WaitForAsync(id, secret, p => p["dispute"]?["status"]?.GetValue<string>() == "won");
        Assert.Equal("succeeded", closed["status"]!.GetValue<string>());
        Assert.NotNull(closed["dispute"]!["openedAt"]);
        var dispute = Assert.Single(closed["disputes"]!.AsArray());
        Assert.Equal(3, dispute!["noticeIds"]!.AsArray().Count);

        (await app.Sandbox.PostAsJsonAsync($"sandbox/payments/{gatewayPaymentId}/business-notices", new { type = "fraud", status = 1 })).EnsureSuccessStatusCode();
        await WaitForAsync(id, secret, p => p["flags"]?.AsArray().Any(f => f!.GetValue<string>() == "fraud") == true);
    }

    [Fact]
    public async Task ForgedAndReSplitBusinessNotices_AreRefused_AndChangeNothing()
    {
        var (id, order, secret) = await PaidAsync();
        var gatewayPaymentId = await GatewayPaymentIdAsync(order);
        var genuine = new Dictionary<string, string>
        {
            ["notice_type"] = "chargeBack",
            ["account"] = "995149",
            ["terminal"] = "99514901",
            ["order_number"] = order,
            ["payment_id"] = gatewayPaymentId,
            ["push_id"] = "261126120000123450011",
            ["push_status"] = "1",
            ["push_details"] = "Chargeback lost",
        };
        var resplit = new Dictionary<string, string>(genuine) { ["push_id"] = "26112612000012345001", ["push_status"] = "11" };
        Assert.Equal(Notices.BusinessSignature(genuine, "12345678"), Notices.BusinessSignature(resplit, "12345678"));
        var before = await app.GetAsync(id, secret);

        foreach (var content in new[]
        {
            Notices.Business(genuine, "not-the-secure-code"),
            Notices.Business(resplit, "12345678", Notices.BusinessSignature(genuine, "12345678")),
            Notices.Business(new Dictionary<string, string>(genuine) { ["terminal"] = "99519999" }, "12345678"),
        })
        {
            var answer = await app.Api.PostAsync("api/oceanpayment/notice", content);
            Assert.Equal("receive-ok", await answer.Content.ReadAsStringAsync());
        }

        var after = await app.GetAsync(id, secret);
        Assert.Null(after["dispute"]);
        Assert.Equal(before["updatedAt"]!.GetValue<DateTimeOffset>(), after["updatedAt"]!.GetValue<DateTimeOffset>());
    }

    private async Task<(string Id, string Order, string Secret)> AuthorisedAsync()
    {
        var response = await app.PostCreateAsync(new { amount = 2000, currency = "USD", method = "card", capture = "pre_authorise", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/checkout/done" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var (id, secret) = (created["paymentId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>());
        var confirmed = await app.ConfirmAsync(id, secret, Card("4111111111111111"));
        Assert.Equal("authorised", confirmed["status"]!.GetValue<string>());
        return (id, created["orderNumber"]!.GetValue<string>(), secret);
    }

    private Task<HttpResponseMessage> PostAsync(string path, object? body, string? key = AppFixture.FunctionKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return app.Api.SendAsync(request);
    }

    [Fact]
    public async Task PreAuthorise_ThenCaptureAPart_Succeeds_AndRefundsAreBoundedByTheCapture()
    {
        var (id, order, secret) = await AuthorisedAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync($"api/payments/{id}/capture", new { amount = 2001 })).StatusCode);
        var captured = await PostAsync($"api/payments/{id}/capture", new { amount = 1500 });

        Assert.Equal(HttpStatusCode.OK, captured.StatusCode);
        Assert.Equal("succeeded", JsonNode.Parse(await captured.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal("15.00", (await app.SandboxTransactionsAsync(order)).Single()!["capture_amount"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync($"api/payments/{id}/capture", null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefundAsync(id, new { amount = 1501 })).StatusCode);
        var refund = await CreatedRefundAsync(id, new { });
        Assert.Equal(1500, refund["amount"]!.GetValue<long>());
        Assert.Equal("succeeded", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PreAuthorise_ThenCancel_IsCanceled_AndCannotBeCapturedAfter()
    {
        var (id, order, secret) = await AuthorisedAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync($"api/payments/{id}/cancel", null, key: null)).StatusCode);
        var canceled = await PostAsync($"api/payments/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal("canceled", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync($"api/payments/{id}/capture", null)).StatusCode);
        Assert.Equal("0", (await app.SandboxTransactionsAsync(order)).Single()!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await RefundAsync(id, new { amount = 1 })).StatusCode);
    }

    [Fact]
    public async Task ASaleCannotBeCapturedOrCanceled()
    {
        var (id, _, _) = await PaidAsync();

        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync($"api/payments/{id}/capture", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync($"api/payments/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync($"api/payments/{id}/cancel", new { amount = 5 })).StatusCode);
    }

    [Fact]
    public async Task TheTimeline_TellsThePaymentsStoryInOrder_WithoutCardDataOrSignatures()
    {
        var (id, order, secret) = await PaidAsync();
        var refund = await CreatedRefundAsync(id, new { amount = 300, reason = "Scratched" });
        await WaitForRefundAsync(id, refund["refundId"]!.GetValue<string>(), "succeeded");
        (await app.Sandbox.PostAsJsonAsync($"sandbox/payments/{await GatewayPaymentIdAsync(order)}/business-notices", new { type = "chargeBack", status = 2 })).EnsureSuccessStatusCode();
        await WaitForAsync(id, secret, p => p["dispute"] is not null);

        var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}/timeline");
        request.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        var response = await app.Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = JsonNode.Parse(text)!["entries"]!.AsArray();
        var types = entries.Select(e => e!["type"]!.GetValue<string>()).ToList();
        var at = entries.Select(e => e!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(at.Order(), at);
        Assert.Equal("created", types[0]);
        foreach (var expected in new[] { "sent", "answer", "transition", "refund", "refund-requested", "refund-accepted", "refund-succeeded", "business-notice" })
        {
            Assert.Contains(expected, types);
        }

        Assert.True(types.IndexOf("sent") < types.IndexOf("answer") && types.IndexOf("refund-requested") < types.IndexOf("refund-succeeded"), string.Join(",", types));
        Assert.DoesNotContain("4111111111111111", text, StringComparison.Ordinal);
        Assert.DoesNotContain("signValue", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("12345678", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9A-Fa-f]{64}", text);
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e!["summary"]!.GetValue<string>())));
    }

    private async Task<JsonNode> WaitForAsync(string id, string secret, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonNode current;
        do
        {
            current = await app.GetAsync(id, secret);
            if (condition(current))
            {
                return current;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Payment {id} did not reach the expected state: {current.ToJsonString()}");
        return current;
    }
}
