using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

/// <summary>Terminals of a second account, configured beside the built-in ones, each with its own secure code.</summary>
public sealed class SecondAccountTests : IAsyncLifetime
{
    private const string Account = "995150";
    private const string Terminal = "99515001";
    private const string Code = "second-account-code";
    private RunningSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await RunningSandbox.StartAsync(o => o.Terminals =
    [
        .. SandboxOptions.DefaultTerminals(),
        new() { Account = Account, Terminal = Terminal, SecureCode = Code, Kind = SandboxTerminalKind.Cards },
    ]);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task DirectPay_SecondAccountsTerminal_IsApprovedAndSignedWithItsOwnCode()
    {
        var form = SecondAccountCard();

        var answer = await _sandbox.Client.PayAsync(Gateway.DirectPay, form.Signed(Code));

        Assert.Equal(("1", Account, Terminal), (answer.Value("payment_status"), answer.Value("account"), answer.Value("terminal")));
        Assert.True(Gateway.F3Verifies(answer, Code));
        Assert.False(Gateway.F3Verifies(answer));
        var sent = Assert.Single((await _sandbox.Client.GetJsonAsync($"/sandbox/transactions?order_number={form["order_number"]}")).EnumerateArray());
        Assert.Equal((Account, Terminal), (sent.GetProperty("account").GetString(), sent.GetProperty("terminal").GetString()));
    }

    [Fact]
    public async Task DirectPay_SignedWithTheFirstAccountsCode_Answers20013()
    {
        var answer = await _sandbox.Client.PayAsync(Gateway.DirectPay, SecondAccountCard().Signed());

        Assert.Equal("20013:Incorrect sign value", answer.Value("payment_details"));
    }

    [Fact]
    public async Task DirectPay_TerminalUnderTheOtherAccount_AnswersInvalidTerminal()
    {
        var form = SecondAccountCard();
        form["account"] = "995149";

        var answer = await _sandbox.Client.PayAsync(Gateway.DirectPay, form.Signed(Code));

        Assert.Equal("20002:Invalid terminal", answer.Value("payment_details"));
    }

    private static Dictionary<string, string> SecondAccountCard()
    {
        var form = Gateway.Card(Gateway.NewOrderNumber(), terminal: Terminal);
        form["account"] = Account;
        return form;
    }
}
