using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Oceanpayment.Sandbox;

namespace Payments.Functions.Tests;

/// <summary>
/// A merchant's own routing, end to end: cards in EUR from 100.00 on the 3-D Secure terminal 99514902,
/// cards billed in Japan on terminal 99515001 of a second account (995150), other cards and wallets on
/// 99514901, local methods but FPS on 99514903. Each of the first two terminals has a secure code of its
/// own at the sandbox and in the app, so a result verifies only with its own terminal's code.
/// </summary>
public sealed class RoutedTerminalsFixture : AppFixture
{
    public const string ThreeDsCode = "3ds-terminal-code-02";
    public const string SecondAccountCode = "second-account-code-01";

    protected override void ConfigureSandbox(SandboxOptions options) => options.Terminals =
    [
        .. SandboxOptions.DefaultTerminals().Where(t => t.Terminal != "99514902"),
        new() { Account = "995149", Terminal = "99514902", SecureCode = ThreeDsCode, Kind = SandboxTerminalKind.ThreeDSecure },
        new() { Account = "995150", Terminal = "99515001", SecureCode = SecondAccountCode, Kind = SandboxTerminalKind.Cards },
    ];

    protected override void Configure(Dictionary<string, string?> settings)
    {
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Oceanpayment:Terminals:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        string?[][] terminals =
        [
            // Terminal, Account, SecureCode, Methods, Currencies, MinAmount, Countries
            ["99514902", null, ThreeDsCode, "card", "EUR", "100.00", null],
            ["99515001", "995150", SecondAccountCode, "card", null, null, "JP"],
            ["99514901", null, "12345678", "card,apple_pay,google_pay", null, null, null],
            ["99514903", null, "12345678", "wechat_pay_web,wechat_pay_mini_program,wechat_pay_app,alipay_web,alipay_mini_program,alipay_app", null, null, null],
        ];
        string[] names = ["Terminal", "Account", "SecureCode", "Methods", "Currencies", "MinAmount", "Countries"];
        for (var i = 0; i < terminals.Length; i++)
        {
            for (var field = 0; field < names.Length; field++)
            {
                settings[$"Oceanpayment:Terminals:{i}:{names[field]}"] = terminals[i][field];
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RoutedTerminalsCollection : ICollectionFixture<RoutedTerminalsFixture>
{
    public const string Name = "app with routed terminals of two accounts";
}

[Collection(RoutedTerminalsCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RoutedTerminalsTests(RoutedTerminalsFixture app)
{
    private static object Card(string number = "4111111111111111") => new { card = new { number, expMonth = "12", expYear = "2030", cvc = "123" } };

    [Fact]
    public async Task CardEur150_IsSentOnThe3dsTerminal_AndItsChallengeResultVerifiesWithThatTerminalsCode()
    {
        var (id, order, secret) = await app.CreateAsync("card", amount: 15000, currency: "EUR");

        var confirmed = await app.ConfirmAsync(id, secret, Card());

        Assert.Equal("requires_action", confirmed["status"]!.GetValue<string>());
        var sent = Assert.Single(await app.SandboxTransactionsAsync(order))!;
        Assert.Equal(("995149", "99514902", "150.00", "EUR"), (Text(sent["account"]), Text(sent["terminal"]), Text(sent["amount"]), Text(sent["currency"])));

        // A success notice for this payment signed with another terminal's code changes nothing.
        var forged = Notices.Success(order, "150.00", "EUR", terminal: "99514902");
        Assert.Equal("receive-ok", await (await app.Api.PostAsync("api/oceanpayment/notice", Notices.Signed(forged, "12345678"))).Content.ReadAsStringAsync());
        Assert.Equal("requires_action", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());

        var (action, fields) = await ShopperBrowser.ChallengeAsync(app.Sandbox, confirmed["nextAction"]!["redirectUrl"]!.GetValue<string>(), "success");
        var returned = await ShopperBrowser.PostAsync(action, fields);

        Assert.Equal(HttpStatusCode.SeeOther, returned.StatusCode);
        Assert.EndsWith($"paymentId={id}&status=succeeded", returned.Headers.Location!.ToString(), StringComparison.Ordinal);
        await AssertNoticeVerifiedAsync(id, order);
        Assert.Contains("Routed to terminal 99514902 of account 995149 by Oceanpayment:Terminals:0 (card; EUR; from 100.00).", await TimelineAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardEur50_IsSentOnTheCardTerminal()
    {
        var (id, order, secret) = await app.CreateAsync("card", amount: 5000, currency: "EUR");

        var confirmed = await app.ConfirmAsync(id, secret, Card());

        Assert.Equal("succeeded", confirmed["status"]!.GetValue<string>());
        Assert.Equal("99514901", Text(Assert.Single(await app.SandboxTransactionsAsync(order))!["terminal"]));
        await AssertNoticeVerifiedAsync(id, order);
    }

    [Fact]
    public async Task CardBilledInJapan_IsSentOnTheSecondAccount_AndSettlesByItsVerifiedNotice()
    {
        var body = new { amount = 5000, currency = "JPY", method = "card", billing = new { firstName = "Aiko", lastName = "Sato", email = "aiko@example.jp", country = "JP", state = "13" }, returnUrl = AppFixture.ReturnOrigin + "/checkout/done" };
        var created = JsonNode.Parse(await (await app.PostCreateAsync(body)).Content.ReadAsStringAsync())!;
        var (id, order, secret) = (Text(created["paymentId"])!, Text(created["orderNumber"])!, Text(created["clientSecret"])!);
        await app.SetScenarioAsync(order, "pending-then-success");

        var confirmed = await app.ConfirmAsync(id, secret, Card());

        Assert.Equal("pending", confirmed["status"]!.GetValue<string>());
        var sent = Assert.Single(await app.SandboxTransactionsAsync(order))!;
        Assert.Equal(("995150", "99515001"), (Text(sent["account"]), Text(sent["terminal"])));
        await app.WaitForStatusAsync(id, secret, "succeeded");
        await AssertNoticeVerifiedAsync(id, order);
    }

    [Fact]
    public async Task MethodNoTerminalTakes_IsRefusedNamingMethod_AndNothingIsStored()
    {
        var response = await app.PostCreateAsync(new { amount = 1000, currency = "HKD", method = "fps", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/checkout/done", orderNumber = "ROUTE-FPS-1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("no terminal takes it", problem["errors"]!["method"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await app.RowsOfAsync("ROUTE-FPS-1"));
    }

    private async Task AssertNoticeVerifiedAsync(string paymentId, string order)
    {
        // The app puts a notice in the payment's timeline only once it verified it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var timeline = JsonNode.Parse(await TimelineAsync(paymentId))!["entries"]!.AsArray();
            if (timeline.Any(e => Text(e!["type"]) == "notice"))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"No verified notice in the timeline of {paymentId}; sandbox notices: {await app.SandboxNoticesAsync(order)}");
    }

    private async Task<string> TimelineAsync(string paymentId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/payments/{paymentId}/timeline");
        request.Headers.Add("x-functions-key", AppFixture.FunctionKey);
        return await (await app.Api.SendAsync(request)).Content.ReadAsStringAsync();
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>();
}
