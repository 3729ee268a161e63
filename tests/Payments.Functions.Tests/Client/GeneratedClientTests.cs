using Payments.Client;
using Payments.Client.Api.Models;

namespace Payments.Functions.Tests.Client;

/// <summary>
/// The merchant's server as a merchant writes it: only the function key and the client library generated
/// from docs/openapi.json, against the app in the local runner with the sandbox. Create, confirm (with the
/// payment's client secret, as the shopper's page would), refund, read it back with its refunds and private
/// notes, find it in the list, and page the events feed until its events are there.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GeneratedClientTests(AppFixture app)
{
    [Fact]
    public async Task AServerWithTheFunctionKey_CreatesConfirmsRefundsListsAndReadsTheFeed_ThroughTheGeneratedClient()
    {
        using var http = new HttpClient();
        var api = PaymentsClient.Create(app.AppBase, AppFixture.FunctionKey, http);

        var created = await api.Api.Payments.PostAsync(new CreatePaymentRequest
        {
            Amount = 2500,
            Currency = "USD",
            Method = CreatePaymentRequest_method.Card,
            ReturnUrl = AppFixture.ReturnOrigin + "/done",
            Billing = new BillingRequest { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com", Country = "US", State = "CA" },
            Metadata = new Metadata { AdditionalData = { ["cart"] = "c-17" } },
            PrivateMetadata = new PrivateMetadata { AdditionalData = { ["margin"] = "0.31" } },
        });
        Assert.NotNull(created?.PaymentId);
        Assert.Equal(CreatePaymentResponse_status.Created, created.Status);
        await app.SetScenarioAsync(created.OrderNumber!, "no-notice");

        var confirmed = await api.Api.Payments[created.PaymentId].Confirm.PostAsync(
            new ConfirmPaymentRequest { Card = new CardRequest { Number = "4111111111111111", ExpMonth = "12", ExpYear = "2030", Cvc = "123" } },
            request => request.Headers.Add(PaymentsClient.ClientSecretHeader, created.ClientSecret!));
        Assert.Equal(PaymentView_status.Succeeded, confirmed!.Status);

        var refund = await api.Api.Payments[created.PaymentId].Refunds.PostAsync(new Payments.Client.Api.Models.CreateRefundRequest { Amount = 1000, Reason = "client library" });
        Assert.Equal(1000, refund!.Amount);

        // The server's read: the refund and the private notes; the shopper's read of the same payment has neither.
        var read = await api.Api.Payments[created.PaymentId].Merchant.GetAsync();
        Assert.Equal(refund.RefundId, Assert.Single(read!.Refunds!).RefundId);
        Assert.Equal("0.31", read.PrivateMetadata!.AdditionalData["margin"]);
        Assert.Equal("c-17", read.Metadata!.AdditionalData["cart"]);
        using var shopperRead = new HttpRequestMessage(HttpMethod.Get, new Uri(app.AppBase, "api/payments/" + created.PaymentId));
        shopperRead.Headers.Add(PaymentsClient.ClientSecretHeader, created.ClientSecret);
        using var shopperAnswer = await http.SendAsync(shopperRead);
        var shopperView = System.Text.Json.Nodes.JsonNode.Parse(await shopperAnswer.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("succeeded", (string?)shopperView["status"]);
        Assert.Equal("c-17", (string?)shopperView["metadata"]!["cart"]);
        Assert.False(shopperView.ContainsKey("privateMetadata"));
        Assert.False(shopperView.ContainsKey("refunds"));

        var listed = await api.Api.Payments.GetAsync(request => request.QueryParameters.OrderNumber = created.OrderNumber);
        Assert.Equal(created.PaymentId, Assert.Single(listed!.Data!).PaymentId);
        Assert.False(listed.HasMore);

        // The refund's answer arrives by its check; the payment's success is in the feed at once.
        var types = new List<MerchantEvent_type?>();
        string? after = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !types.Contains(MerchantEvent_type.PaymentSucceeded) && DateTime.UtcNow < deadline;)
        {
            var page = await api.Api.Events.GetAsync(request =>
            {
                request.QueryParameters.After = after;
                request.QueryParameters.Limit = 100;
            });
            types.AddRange(page!.Data!.Where(e => e.Id!.StartsWith("evt_" + created.OrderNumber + ".", StringComparison.Ordinal)).Select(e => e.Type));
            after = page.Next;
            if (page.HasMore != true)
            {
                await Task.Delay(200);
            }
        }

        Assert.Contains(MerchantEvent_type.PaymentSucceeded, types);
    }

    [Fact]
    public async Task AProblem_IsThrownAsTheDocumentedProblemDetails()
    {
        using var http = new HttpClient();
        var api = PaymentsClient.Create(app.AppBase, AppFixture.FunctionKey, http);

        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => api.Api.Payments.PostAsync(new CreatePaymentRequest { Amount = 0, Currency = "USD" }));

        Assert.Equal(400, problem.ResponseStatusCode);
        Assert.Equal(400, problem.Status);
    }

    [Fact]
    public async Task WithoutTheFunctionKey_TheServerRoutesRefuse()
    {
        using var http = new HttpClient { BaseAddress = app.AppBase };
        using var response = await http.GetAsync("api/events");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        var api = PaymentsClient.Create(app.AppBase, "not-a-key", new HttpClient());
        var refused = await Assert.ThrowsAnyAsync<Microsoft.Kiota.Abstractions.ApiException>(() => api.Api.Events.GetAsync());
        Assert.Equal(401, refused.ResponseStatusCode);
        var unread = await Assert.ThrowsAnyAsync<Microsoft.Kiota.Abstractions.ApiException>(() => api.Api.Payments["pay_ORD1"].Merchant.GetAsync());
        Assert.Equal(401, unread.ResponseStatusCode);
    }
}
