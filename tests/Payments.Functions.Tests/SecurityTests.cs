using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Payments.Functions.Tests;

/// <summary>Forged notices, mismatched amounts, and card data that must never land anywhere.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class SecurityTests(AppFixture app)
{
    private async Task<(string Id, string Order, string Secret)> PendingQrAsync()
    {
        var (id, order, secret) = await app.CreateAsync("wechat_pay_web", amount: 2500);
        await app.SetScenarioAsync(order, "no-notice");
        await app.ConfirmAsync(id, secret, new { });
        return (id, order, secret);
    }

    [Theory]
    [InlineData("99514999", "12345678")] // unknown terminal
    [InlineData("99514903", "")] // signed with no secret at all
    [InlineData("99514903", "guessed-secret")]
    public async Task ForgedSuccessNotice_IsAcknowledgedButChangesNothing(string terminal, string secret)
    {
        var (id, order, clientSecret) = await PendingQrAsync();

        var response = await app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(Notices.Success(order, "25.00", terminal: terminal), secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("receive-ok", await response.Content.ReadAsStringAsync());
        Assert.Equal("pending", (await app.GetAsync(id, clientSecret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GenuineNoticeWithOtherAmount_SendsToReview()
    {
        var (id, order, clientSecret) = await PendingQrAsync();

        var response = await app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(Notices.Success(order, "0.25", terminal: "99514903"), "12345678"));

        Assert.Equal("receive-ok", await response.Content.ReadAsStringAsync());
        Assert.Equal("review", (await app.GetAsync(id, clientSecret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReviewedPayment_IsSettledByAnOperatorWithTheMasterKeyOnly()
    {
        var (id, order, clientSecret) = await PendingQrAsync();
        await app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(Notices.Success(order, "0.25", terminal: "99514903"), "12345678"));
        Assert.Equal("review", (await app.GetAsync(id, clientSecret))["status"]!.GetValue<string>());
        HttpRequestMessage Resolve(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"api/payments/{id}/review/resolve")
            {
                Content = JsonContent.Create(new { status = "failed", reason = "Portal shows no capture for this order." }),
            };
            if (key is not null)
            {
                request.Headers.Add("x-functions-key", key);
            }

            return request;
        }

        var withoutKey = await app.Api.SendAsync(Resolve(null));
        var withFunctionKey = await app.Api.SendAsync(Resolve(AppFixture.FunctionKey));
        var withMasterKey = await app.Api.SendAsync(Resolve(AppFixture.MasterKey));
        var again = await app.Api.SendAsync(Resolve(AppFixture.MasterKey));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withFunctionKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withMasterKey.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("failed", (await app.GetAsync(id, clientSecret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OperatorWhoAmI_ForgedClientPrincipalWithoutPlatformAuth_IsNotSignedIn()
    {
        // What App Service Authentication would write for an operator; here no platform stands in front to vouch for it.
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"name","val":"mallory"},{"typ":"roles","val":"Payments.Operator"}]}"""));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/operator/whoami");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        request.Headers.Add("x-functions-key", AppFixture.MasterKey);

        var response = await app.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("mallory", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeWithDtd_IsRejected()
    {
        var (id, order, clientSecret) = await PendingQrAsync();
        var body = $"<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><response><order_number>{order}</order_number><payment_status>1</payment_status><x>&x;</x></response>";

        var response = await app.Api.PostAsync("api/oceanpayment/notice", new StringContent(body, Encoding.UTF8, "application/xml"));

        Assert.Equal("receive-ok", await response.Content.ReadAsStringAsync());
        Assert.Equal("pending", (await app.GetAsync(id, clientSecret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TamperedBrowserReturn_LandsOnConfirmingAndChangesNothing()
    {
        var (id, order, clientSecret) = await PendingQrAsync();
        var fields = Notices.Success(order, "25.00", terminal: "99514903");
        fields["signValue"] = new string('0', 64);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.AppBase };

        var response = await browser.PostAsync("api/oceanpayment/return", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.EndsWith($"paymentId={id}&status=processing", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("pending", (await app.GetAsync(id, clientSecret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownBrowserReturn_LandsOnTheConfirmingPage()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.AppBase };

        var response = await browser.PostAsync("api/oceanpayment/return", new FormUrlEncodedContent([new("order_number", "NOSUCHORDER")]));
        var page = await app.Api.GetStringAsync(response.Headers.Location!.ToString().TrimStart('/'));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("confirming your payment", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sentinel_CardNumberAndCvcAppearNowhere()
    {
        const string pan = "4111111111111111";
        const string cvc = "987";
        foreach (var (card, scenario) in new[] { (pan, (string?)null), ("4000000000000002", null), ("4000000000003220", null), (pan, "timeout-after-commit"), (pan, "bad-signature") })
        {
            var (id, order, secret) = await app.CreateAsync("card");
            if (scenario is not null)
            {
                await app.SetScenarioAsync(order, scenario);
            }

            var request = new HttpRequestMessage(HttpMethod.Post, $"api/payments/{id}/confirm")
            {
                Content = JsonContent.Create(new { card = new { number = card, expMonth = "12", expYear = "2030", cvc } }),
            };
            request.Headers.Add("X-Client-Secret", secret);
            (await app.Api.SendAsync(request)).EnsureSuccessStatusCode();
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // let notices and reconcile messages flow

        var places = new List<string>(app.LogLines);
        await foreach (var entity in app.Table.QueryAsync<TableEntity>())
        {
            places.Add(string.Join('|', entity.Select(p => $"{p.Key}={p.Value}")));
        }

        foreach (var queue in new[] { app.ReconcileQueueName, app.ReconcileQueueName + "-poison" })
        {
            var client = app.Queue(queue);
            if (await client.ExistsAsync())
            {
                foreach (var message in (await client.PeekMessagesAsync(32)).Value)
                {
                    places.Add(message.Body.ToString());
                    places.Add(Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString())));
                }
            }
        }

        Assert.NotEmpty(places);
        Assert.DoesNotContain(places, p => p.Contains(pan, StringComparison.Ordinal) || p.Contains("4000000000000002", StringComparison.Ordinal) || p.Contains("4000000000003220", StringComparison.Ordinal));
        // The CVC as a value of its own, not the start of an invocation id (Id=987695c1-..., one id in 4,096) or
        // a duration (987ms): matching those made this check fail in CI.
        Assert.DoesNotContain(places, p => StandaloneCvc().IsMatch(p));
        Assert.DoesNotContain(places, p => p.Contains("12345678", StringComparison.Ordinal) && !p.Contains("NO12345678", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z.])987(?![0-9A-Za-z.])")]
    private static partial Regex StandaloneCvc();
}
