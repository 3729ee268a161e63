using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Payments.Functions.Tests;

/// <summary>
/// A shopper holds one genuinely signed result (the 3-D Secure return form their browser posts) and
/// moves its characters across field boundaries, which keeps the signature valid. Over HTTP, with
/// the runner, Azurite and the sandbox.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SignedResultsTests(AppFixture app)
{
    [Fact]
    public async Task ThreeDSecureFailure_ResplitIntoASuccess_ThroughReturnAndNotice_StaysFailed()
    {
        var (id, order, secret, action, fields) = await app.ThreeDSecureReturnAsync("fail");
        await ShopperBrowser.PostAsync(action, fields);
        Assert.Equal("failed", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());

        var genuine = fields.ToDictionary(f => f.Key, f => f.Value);
        var paymentId = genuine["payment_id"];
        Assert.Equal(("2", "0"), (genuine["payment_authType"], genuine["payment_status"]));
        // The same characters re-split: payment_id "" + authType "<digits before a 1>" + status "1" + details "<rest of the id>20<details>".
        var one = paymentId.IndexOf('1', 1);
        Assert.True(one > 0);
        var resplit = new Dictionary<string, string>(genuine)
        {
            ["payment_id"] = string.Empty,
            ["payment_authType"] = paymentId[..one],
            ["payment_status"] = "1",
            ["payment_details"] = paymentId[(one + 1)..] + genuine["payment_authType"] + genuine["payment_status"] + genuine["payment_details"],
        };
        var returned = await ShopperBrowser.PostAsync(action, resplit);
        var noticed = await app.Api.PostAsync("api/oceanpayment/notice", Xml(resplit));

        Assert.Equal(HttpStatusCode.SeeOther, returned.StatusCode);
        Assert.DoesNotContain("status=succeeded", returned.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("receive-ok", await noticed.Content.ReadAsStringAsync());
        Assert.Equal("failed", (await app.GetAsync(id, secret))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_UnknownCurrency_IsAProblemNamingTheField()
    {
        var response = await app.PostCreateAsync(new { amount = 1050, currency = "XYZ", method = "card", billing = AppFixture.Billing(), returnUrl = AppFixture.ReturnOrigin + "/x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["currency"]);
    }

    private static StringContent Xml(Dictionary<string, string> fields)
        => new(new XElement("response", fields.Select(f => new XElement(f.Key, f.Value))).ToString(), Encoding.UTF8, "application/xml");
}
