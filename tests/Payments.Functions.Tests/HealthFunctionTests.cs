using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Functions.Budgets;
using Payments.Infrastructure.Options;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Payments.Functions.Tests;

/// <summary>The health probe called directly, with storage and Key Vault that never answer.</summary>
public sealed class HealthFunctionTests
{
    private static readonly TimeSpan Budget = new BudgetOptions().Health;
    private readonly FakeTimeProvider _clock = new();
    private readonly Mock<IPaymentStore> _store = new(MockBehavior.Strict);
    private readonly Mock<ISecureCodeSource> _codes = new(MockBehavior.Strict);

    private HealthFunction Function() => new(
        _store.Object,
        _codes.Object,
        new PaymentsSettings
        {
            PublicBaseUrl = new Uri("https://pay.example.com/"),
            AllowedReturnOrigins = [],
            Routing = TerminalRouting.Of(
                TerminalRule.Serving("cards", new TerminalKey("995149", "99514901"), PaymentMethod.Card),
                TerminalRule.Serving("local", new TerminalKey("995149", "99514903"), PaymentMethod.Fps)),
        },
        new OperationBudgets(MsOptions.Create(new BudgetOptions()), MsOptions.Create(new OceanpaymentOptions()), _clock, NullLogger<OperationBudgets>.Instance));

    private static async Task Hang(CancellationToken token) => await Task.Delay(Timeout.Infinite, token);

    private async Task<(int Status, JsonNode Body)> AnswerAfterTheBudgetAsync()
    {
        var answer = Function().RunAsync(new DefaultHttpContext().Request, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(answer.IsCompleted);
        // One budget bounds every check: advancing past it once ends them all.
        _clock.Advance(Budget);
        var result = Assert.IsType<ContentResult>(await answer.WaitAsync(TimeSpan.FromSeconds(10)));
        return (result.StatusCode!.Value, JsonNode.Parse(result.Content!)!);
    }

    [Fact]
    public async Task StorageHangs_Answers503UnreachableWhenTheBudgetRunsOut()
    {
        _store.Setup(s => s.PingAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken token) => Hang(token));
        _codes.Setup(c => c.FindAsync(It.IsAny<TerminalKey>(), false, It.IsAny<CancellationToken>())).ReturnsAsync(SecureCode.From("12345678"));

        var (status, body) = await AnswerAfterTheBudgetAsync();

        Assert.Equal(503, status);
        Assert.Equal(("unreachable", "ok"), (body["storage"]!.GetValue<string>(), body["secureCodes"]!.GetValue<string>()));
    }

    [Fact]
    public async Task StorageAndKeyVaultHang_BothReportedWithinOneBudget()
    {
        _store.Setup(s => s.PingAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken token) => Hang(token));
        _codes.Setup(c => c.FindAsync(It.IsAny<TerminalKey>(), false, It.IsAny<CancellationToken>()))
            .Returns(async (TerminalKey _, bool _, CancellationToken token) =>
            {
                await Hang(token);
                return null;
            });

        var (status, body) = await AnswerAfterTheBudgetAsync();

        Assert.Equal(503, status);
        Assert.Equal("unreachable", body["storage"]!.GetValue<string>());
        Assert.Equal("missing for terminals 99514901, 99514903", body["secureCodes"]!.GetValue<string>());
    }
}
