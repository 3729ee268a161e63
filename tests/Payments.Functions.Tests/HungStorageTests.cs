using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Payments.Core.Application;
using Payments.Infrastructure.Storage;
using Xunit.Abstractions;

namespace Payments.Functions.Tests;

/// <summary>
/// Storage that accepts connections and never answers (a frozen emulator): every endpoint answers
/// within its budget with the answer that makes the caller try again, nothing is acknowledged that
/// was not written, and once storage answers again every payment ends exact.
/// </summary>
[Collection(HungStorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HungStorageTests(HungStorageFixture hung, ITestOutputHelper output) : IDisposable
{
    // Budgets are 2 s (a confirm 5 s); a generous margin keeps a busy machine from failing the test.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(4);

    private readonly AppFixture _app = hung;

    public void Dispose() => hung.Thaw();

    [Fact]
    public async Task Notice_StorageHangs_Answers500WithinTheBudgetAndTheResentNoticeSettlesOnce()
    {
        var (id, order, secret) = await PendingQrPaymentAsync();
        var notice = Notices.Success(order, "10.50", terminal: "99514903");
        // A genuine notice names the gateway attempt the payment was sent as.
        notice["payment_id"] = Assert.Single(await _app.SandboxTransactionsAsync(order))!["payment_id"]!.GetValue<string>();

        hung.Freeze();
        var (response, elapsed) = await TimedAsync(() => _app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(notice, "12345678")));
        var body = await response.Content.ReadAsStringAsync();
        hung.Thaw();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("receive-ok", body, StringComparison.Ordinal);
        AssertWithin(HungStorageFixture.Budget, elapsed, "notice");
        Assert.Equal("Pending", await StoredStatusAsync(order));

        // Oceanpayment sends it again once storage is back: applied once, acknowledged.
        var resent = await _app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(notice, "12345678"));
        Assert.Equal("receive-ok", await resent.Content.ReadAsStringAsync());
        var again = await _app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(notice, "12345678"));
        Assert.Equal("receive-ok", await again.Content.ReadAsStringAsync());

        var settled = await _app.GetAsync(id, secret);
        Assert.Equal(("succeeded", 1050L), (settled["status"]!.GetValue<string>(), settled["amount"]!.GetValue<long>()));
        Assert.Single(await RowsAsync(order, "notice|"));
    }

    [Fact]
    public async Task BrowserReturn_StorageHangs_SendsTheShopperToTheConfirmingPageWithinTheBudget()
    {
        var (id, order, secret) = await PendingQrPaymentAsync();
        var form = Notices.Success(order, "10.50", terminal: "99514903");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.AppBase };

        hung.Freeze();
        var (response, elapsed) = await TimedAsync(() => browser.PostAsync("api/oceanpayment/return", new FormUrlEncodedContent(form)));
        hung.Thaw();

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/api/oceanpayment/confirming", response.Headers.Location!.ToString());
        AssertWithin(HungStorageFixture.Budget, elapsed, "browser return");
        Assert.Equal("pending", (await _app.GetAsync(id, secret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_StorageHangs_Answers503WithinTheBudgetThen200()
    {
        hung.Freeze();
        var (response, elapsed) = await TimedAsync(() => _app.Api.GetAsync("api/health"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        hung.Thaw();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(("unhealthy", "unreachable", "ok"), (body["status"]!.GetValue<string>(), body["storage"]!.GetValue<string>(), body["secureCodes"]!.GetValue<string>()));
        AssertWithin(HungStorageFixture.Budget, elapsed, "health");
        Assert.Equal(HttpStatusCode.OK, (await _app.Api.GetAsync("api/health")).StatusCode);
    }

    [Fact]
    public async Task CreateAndStatus_StorageHangs_Answer503ProblemWithinTheBudget()
    {
        var (id, _, secret) = await _app.CreateAsync("card");

        hung.Freeze();
        var (created, createElapsed) = await TimedAsync(() => _app.PostCreateAsync(new { amount = 1050, currency = "USD", method = "card", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/done" }));
        var (status, statusElapsed) = await TimedAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{id}");
            request.Headers.Add("X-Client-Secret", secret);
            return _app.Api.SendAsync(request);
        });
        hung.Thaw();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (created.StatusCode, status.StatusCode));
        Assert.Equal("application/problem+json", created.Content.Headers.ContentType!.MediaType);
        AssertWithin(HungStorageFixture.Budget, createElapsed, "create");
        AssertWithin(HungStorageFixture.Budget, statusElapsed, "status");
        Assert.Equal("created", (await _app.GetAsync(id, secret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Confirm_StorageHangsAfterTheGatewayCharged_Answers503AndTheSweepSettlesItOnce()
    {
        var (id, order, secret) = await _app.CreateAsync("card");
        await _app.SetScenarioAsync(order, "no-notice");

        hung.FreezeAfterNextPayment = true;
        var (response, elapsed) = await TimedAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"api/payments/{id}/confirm")
            {
                Content = JsonContent.Create(new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } }),
            };
            request.Headers.Add("X-Client-Secret", secret);
            return _app.Api.SendAsync(request);
        });
        hung.Thaw();

        // The gateway charged the card; the answer was never written, so the caller is told to try again.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        AssertWithin(HungStorageFixture.ConfirmBudget, elapsed, "confirm");
        Assert.Equal("10.50", Assert.Single(await _app.SandboxTransactionsAsync(order))!["amount"]!.GetValue<string>());
        Assert.Equal("Processing", await StoredStatusAsync(order));
        Assert.Single(await RowsAsync(StorageNames.OpenIndexPartitionOf(order), order));

        // The shopper's page retries: the second confirm does not call the gateway again.
        var retried = await _app.ConfirmAsync(id, secret, new { card = new { number = "4111111111111111", expMonth = "12", expYear = "2030", cvc = "123" } });
        Assert.Equal("processing", retried["status"]!.GetValue<string>());

        // The open-payment index, written before the call, is what the sweep finds.
        await SweepUntilFinalAsync(id, secret);
        var settled = await _app.GetAsync(id, secret);
        Assert.Equal(("succeeded", 1050L), (settled["status"]!.GetValue<string>(), settled["amount"]!.GetValue<long>()));
        Assert.Equal(1, Assert.Single(await _app.SandboxTransactionsAsync(order))!["payment_requests"]!.GetValue<int>());
    }

    private async Task<(string Id, string Order, string Secret)> PendingQrPaymentAsync()
    {
        var (id, order, secret) = await _app.CreateAsync("wechat_pay_web");
        await _app.SetScenarioAsync(order, "no-notice");
        var confirmed = await _app.ConfirmAsync(id, secret, new { });
        Assert.Equal("pending", confirmed["status"]!.GetValue<string>());
        return (id, order, secret);
    }

    private async Task SweepUntilFinalAsync(string id, string secret)
    {
        var sweep = _app.Services.GetRequiredService<ReconcileSweepHandler>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await _app.GetAsync(id, secret))["status"]!.GetValue<string>() == "processing" && DateTime.UtcNow < deadline)
        {
            // The index row falls due after the first check's delay (1 s in the fixture's policy).
            await sweep.SweepAsync(CancellationToken.None);
            await Task.Delay(250);
        }
    }

    private async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        return (response, clock.Elapsed);
    }

    private void AssertWithin(TimeSpan budget, TimeSpan elapsed, string what)
    {
        output.WriteLine($"{what}: answered after {elapsed.TotalSeconds:0.00} s (budget {budget.TotalSeconds:0.##} s)");
        Assert.InRange(elapsed, TimeSpan.Zero, budget + Margin);
    }

    private async Task<string?> StoredStatusAsync(string order)
    {
        var row = await _app.Table.GetEntityIfExistsAsync<TableEntity>(order, "payment");
        return row.HasValue ? row.Value!.GetString("Status") : null;
    }

    private async Task<List<TableEntity>> RowsAsync(string partition, string rowKeyPrefix)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {rowKeyPrefix} and RowKey lt {rowKeyPrefix + "~"}");
        var rows = new List<TableEntity>();
        await foreach (var row in _app.Table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
