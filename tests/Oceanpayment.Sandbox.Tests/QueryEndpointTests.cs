using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class QueryEndpointTests : IAsyncLifetime
{
    private RunningSandbox _sandbox = null!;

    private HttpClient Client => _sandbox.Client;

    public async Task InitializeAsync() => _sandbox = await RunningSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task CheckNormal_SeveralOrders_ListsAttemptsNewestFirstAndUnknownAsNotFound()
    {
        var single = Gateway.NewOrderNumber();
        var retried = Gateway.NewOrderNumber();
        var unknown = Gateway.NewOrderNumber();
        await Client.PayAsync(Gateway.DirectPay, Gateway.Card(single).Signed());
        var declined = await Client.PayAsync(Gateway.DirectPay, Gateway.Card(retried, "4000000000000002").Signed());
        var approved = await Client.PayAsync(Gateway.DirectPay, Gateway.Card(retried).Signed());

        var answer = await Client.QueryAsync($"{single},{retried},{unknown}");

        Assert.Equal("response", answer.Name.LocalName);
        Assert.Null(answer.Element("signValue"));
        var blocks = answer.Elements("paymentInfo").ToList();
        Assert.Equal(4, blocks.Count);
        Assert.Equal([single, retried, retried, unknown], blocks.Select(b => b.Value("order_number")));
        Assert.Equal("1", blocks[0].Value("payment_results"));
        Assert.Equal(approved.Value("payment_id"), blocks[1].Value("payment_id"));
        Assert.Equal("1", blocks[1].Value("payment_results"));
        Assert.Equal(declined.Value("payment_id"), blocks[2].Value("payment_id"));
        Assert.Equal("0", blocks[2].Value("payment_results"));
        Assert.Equal("80022:Not Sufficient Funds", blocks[2].Value("payment_details"));
        Assert.Equal("0.01", blocks[0].Value("order_amount"));
        Assert.Equal("USD", blocks[0].Value("order_currency"));
        Assert.NotEqual("", blocks[0].Value("payment_dateTime"));
        Assert.Equal("", blocks[3].Value("payment_id"));
        Assert.StartsWith("20062:", blocks[3].Value("payment_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckNormal_PendingLocalPayment_MovesFromMinusOneToOne()
    {
        var orderNumber = Gateway.NewOrderNumber();
        var answer = await Client.PayAsync(Gateway.LocalPay, Gateway.Local(orderNumber, "FPS").Signed());
        var before = (await Client.QueryAsync(orderNumber, Gateway.LocalTerminal)).Element("paymentInfo")!.Value("payment_results");

        using var completed = await Client.CompleteAsync(answer.Value("payment_id"), "success");

        Assert.Equal("-1", before);
        Assert.Equal("1", (await Client.QueryAsync(orderNumber, Gateway.LocalTerminal)).Element("paymentInfo")!.Value("payment_results"));
    }

    [Fact]
    public async Task CheckNormal_WrongSignature_AnswersWithoutPaymentInfo()
    {
        var orderNumber = Gateway.NewOrderNumber();
        await Client.PayAsync(Gateway.DirectPay, Gateway.Card(orderNumber).Signed());

        var answer = await Client.QueryAsync(orderNumber, secureCode: "wrong");

        Assert.Empty(answer.Elements("paymentInfo"));
        Assert.Equal("20013:Incorrect sign value", answer.Value("query_details"));
    }

    [Fact]
    public async Task CheckNormal_UnknownTerminal_AnswersWithoutPaymentInfo()
    {
        var answer = await Client.QueryAsync(Gateway.NewOrderNumber(), terminal: "99514999");

        Assert.Empty(answer.Elements("paymentInfo"));
        Assert.StartsWith("20002:", answer.Value("query_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckNormal_MoreThan100Orders_IsRejected()
    {
        var answer = await Client.QueryAsync(string.Join(',', Enumerable.Range(1, 101).Select(i => $"O{i}")));

        Assert.Empty(answer.Elements("paymentInfo"));
        Assert.StartsWith("20004:", answer.Value("query_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckNormal_VectorS5SignValue_IsAccepted()
    {
        await using var sandbox = await RunningSandbox.StartAsync(o =>
            o.Terminals = [new SandboxTerminalOptions { Account = "995149", Terminal = "99514901", SecureCode = "Ab12Cd34Ef56" }]);
        await sandbox.Client.PayAsync(Gateway.DirectPay, Gateway.Card("NO12345678").Signed("Ab12Cd34Ef56"));
        var form = new Dictionary<string, string>
        {
            ["account"] = "995149",
            ["terminal"] = "99514901",
            ["order_number"] = "NO12345678",
            ["signValue"] = "565a17fa70adfd7c9ea3df444833840cbf8712709c7c1c7c61d9aa0124105074",
        };

        using var response = await sandbox.Client.PostFormAsync("/service/check/normal", form);
        var answer = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal("1", answer.Element("paymentInfo")!.Value("payment_results"));
    }
}
