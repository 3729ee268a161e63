using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class ControlEndpointTests : IAsyncLifetime
{
    private RunningSandbox _sandbox = null!;

    private HttpClient Client => _sandbox.Client;

    public async Task InitializeAsync() => _sandbox = await RunningSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Transactions_AfterTwoRequests_ListFieldsAndRequestCount()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber, "4000000000000002").Signed());
        var second = await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber).Signed());

        var transaction = await Client.TransactionAsync(orderNumber);

        Assert.Equal(orderNumber, transaction.GetProperty("order_number").GetString());
        Assert.Equal(second.Value("payment_id"), transaction.GetProperty("payment_id").GetString());
        Assert.Equal("Credit Card", transaction.GetProperty("method").GetString());
        Assert.Equal(Gateway.CardTerminal, transaction.GetProperty("terminal").GetString());
        Assert.Equal("0.01", transaction.GetProperty("amount").GetString());
        Assert.Equal("USD", transaction.GetProperty("currency").GetString());
        Assert.Equal("1", transaction.GetProperty("status").GetString());
        Assert.Equal("411111****1111", transaction.GetProperty("card_number").GetString());
        Assert.True(transaction.GetProperty("created_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(2, transaction.GetProperty("payment_requests").GetInt32());
    }

    [Fact]
    public async Task Transactions_NeverHoldTheFullCardNumberOrCvv()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber(), "4000000000000044");
        form["card_secureCode"] = "987";
        await Client.PayAsync(Gateway.DirectPay, form.Signed());

        var all = await Client.GetStringAsync("/sandbox/transactions") + await Client.GetStringAsync("/sandbox/notices");

        Assert.DoesNotContain("4000000000000044", all, StringComparison.Ordinal);
        Assert.DoesNotContain("987", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_UnknownPayment_Is404()
    {
        using var response = await Client.CompleteAsync("999999999999999999999", "success");

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Complete_BadOutcome_Is400()
    {
        var answer = await Client.PayAsync(Gateway.LocalPay, Gateway.Local(Gateway.NewOrderNumber(), "WeChatPay_Web").Signed());

        using var response = await Client.CompleteAsync(answer.Value("payment_id"), "maybe");

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Complete_Twice_SecondIs409AndStateIsUnchanged()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var answer = await Client.PayAsync(Gateway.LocalPay, Gateway.Local(orderNumber, "WeChatPay_APP").Signed());
        using var first = await Client.CompleteAsync(answer.Value("payment_id"), "fail");

        using var second = await Client.CompleteAsync(answer.Value("payment_id"), "success");

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(409, (int)second.StatusCode);
        var transaction = await Client.TransactionAsync(orderNumber);
        Assert.Equal("0", transaction.GetProperty("status").GetString());
        Assert.StartsWith("80101:", transaction.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_ShowsScenarioAndRequestCount()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.SetScenarioAsync(orderNumber, "pending-forever");
        await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber).Signed());

        var order = await Client.GetJsonAsync($"/sandbox/orders/{orderNumber}");

        Assert.Equal("pending-forever", order.GetProperty("scenario").GetString());
        Assert.Equal(1, order.GetProperty("payment_requests").GetInt32());
        Assert.Equal("pending-forever", order.GetProperty("transactions")[0].GetProperty("scenario").GetString());
    }

    [Fact]
    public async Task Reset_ClearsEverything()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.SetScenarioAsync(orderNumber, "decline");
        await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber).Signed());

        using var response = await Client.PostAsync("/sandbox/reset", null);

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(0, (await Client.GetJsonAsync("/sandbox/transactions")).GetArrayLength());
        Assert.Equal(0, (await Client.GetJsonAsync($"/sandbox/orders/{orderNumber}")).GetProperty("payment_requests").GetInt32());
        Assert.Equal("", (await Client.GetJsonAsync($"/sandbox/orders/{orderNumber}")).GetProperty("scenario").GetString());
    }
}
