using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.Tests.Support;

namespace Oceanpayment.Sandbox.Tests;

public sealed class SandboxOptionsTests
{
    [Fact]
    public async Task Terminals_FromConfiguration_ReplaceTheDefaults()
    {
        await using var sandbox = await RunningSandbox.StartAsync(
            null,
            "--Sandbox:Terminals:0:Account=111111",
            "--Sandbox:Terminals:0:Terminal=11111101",
            "--Sandbox:Terminals:0:SecureCode=s3cret",
            "--Sandbox:Terminals:0:Kind=Cards");
        var configured = Gateway.Card(Gateway.NewOrderNumber(), terminal: "11111101");
        configured["account"] = "111111";

        var accepted = await sandbox.Client.PayAsync(Gateway.DirectPay, configured.Signed("s3cret"));
        var defaultTerminal = await sandbox.Client.PayAsync(Gateway.DirectPay, Gateway.Card(Gateway.NewOrderNumber()).Signed());

        Assert.Equal("1", accepted.Value("payment_status"));
        Assert.True(Gateway.F3Verifies(accepted, "s3cret"));
        Assert.StartsWith("20001:", defaultTerminal.Value("payment_details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_TerminalWithoutSecureCode_FailsWithClearMessage()
    {
        var app = SandboxApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=None"],
            o => o.Terminals = [new SandboxTerminalOptions { Account = "995149", Terminal = "99514901", SecureCode = "" }]);
        await using (app)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains("has no SecureCode", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Startup_NegativeRefundSettleDelay_FailsWithClearMessage()
    {
        var app = SandboxApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=None", "--Sandbox:RefundSettleDelay=-00:00:01"]);
        await using (app)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains("delays must not be negative", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RefundSettleDelay_FromConfiguration_IsBound()
    {
        var app = SandboxApp.Build(["--urls", "http://127.0.0.1:0", "--Sandbox:RefundSettleDelay=00:00:07"]);
        await using (app)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.RefundSettleDelay);
        }
    }

    [Fact]
    public async Task PublicBaseUrl_IsUsedInPayUrl()
    {
        await using var sandbox = await RunningSandbox.StartAsync(o => o.PublicBaseUrl = "https://sandbox.example:8443/");

        var answer = await sandbox.Client.PayAsync(Gateway.DirectPay, Gateway.Card(Gateway.NewOrderNumber(), "4000000000003220").Signed());

        Assert.StartsWith("https://sandbox.example:8443/gateway/direct/redirect?pay_id=", answer.Value("pay_url"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true, "1")]
    [InlineData(true, false, "0")]
    [InlineData(false, true, "0")]
    public async Task IncludeBackUrlInF1_ChangesTheVerifiedOrder(bool option, bool signedWithBackUrl, string expectedStatus)
    {
        await using var sandbox = await RunningSandbox.StartAsync(o => o.IncludeBackUrlInF1 = option);

        var answer = await sandbox.Client.PayAsync(Gateway.DirectPay, Gateway.Card(Gateway.NewOrderNumber()).Signed(backUrlInF1: signedWithBackUrl));

        Assert.Equal(expectedStatus, answer.Value("payment_status"));
    }

    [Fact]
    public async Task NoticeRetryDelays_FromConfiguration_ReplaceTheDefaults()
    {
        var app = SandboxApp.Build(["--urls", "http://127.0.0.1:0", "--Sandbox:NoticeRetryDelays:0=00:00:07"]);
        await using (app)
        {
            var options = app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value;

            Assert.Equal([TimeSpan.FromSeconds(7)], options.NoticeRetryDelays);
            Assert.Equal(3, options.Terminals.Count);
        }
    }
}
