using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Payments.Core.Events;
using Payments.Functions.Budgets;
using Payments.Functions.Webhooks;
using Payments.Infrastructure.Options;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Payments.Functions.Tests.Webhooks;

public sealed class RedeliverEventFunctionTests
{
    private static readonly MerchantEvent Known = new("evt_ORD-7.3", "ORD-7", 3, MerchantEventTypes.PaymentSucceeded, DateTimeOffset.UnixEpoch, "{}"u8.ToArray());

    private readonly Mock<IMerchantEvents> _events = new(MockBehavior.Strict);
    private readonly Mock<IWebhookOutbox> _outbox = new(MockBehavior.Strict);

    [Theory]
    [InlineData("pay_ORD-7")]
    [InlineData("evt_ORD-7")]
    [InlineData("evt_ORD-7.0")]
    [InlineData("evt_ORD/7.1")]
    public async Task Redeliver_MalformedId_Is404WithoutReadingStorage(string id)
    {
        var result = Assert.IsType<ContentResult>(await RunAsync(id));

        Assert.Equal(404, result.StatusCode);
        _events.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Redeliver_KnownEvent_QueuesItAndAnswers202WithTheEndpointCount()
    {
        _events.Setup(e => e.FindAsync(Known.Id, It.IsAny<CancellationToken>())).ReturnsAsync(Known);
        _outbox.Setup(o => o.EnqueueAsync(Known, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        var result = Assert.IsType<ContentResult>(await RunAsync(Known.Id));

        Assert.Equal(202, result.StatusCode);
        using var body = JsonDocument.Parse(result.Content!);
        Assert.Equal(Known.Id, body.RootElement.GetProperty("eventId").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("endpoints").GetInt32());
        _outbox.Verify(o => o.EnqueueAsync(Known, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Redeliver_UnknownEvent_Is404ProblemAndQueuesNothing()
    {
        _events.Setup(e => e.FindAsync("evt_ORD-7.4", It.IsAny<CancellationToken>())).ReturnsAsync((MerchantEvent?)null);

        var result = Assert.IsType<ContentResult>(await RunAsync("evt_ORD-7.4"));

        Assert.Equal(404, result.StatusCode);
        Assert.StartsWith("application/problem+json", result.ContentType, StringComparison.Ordinal);
        Assert.Contains("no event with this id", result.Content, StringComparison.Ordinal);
    }

    private Task<IActionResult> RunAsync(string id)
    {
        var budgets = new OperationBudgets(MsOptions.Create(new BudgetOptions()), MsOptions.Create(new OceanpaymentOptions()), TimeProvider.System, NullLogger<OperationBudgets>.Instance);
        var function = new RedeliverEventFunction(_events.Object, _outbox.Object, budgets);
        return function.RunAsync(new DefaultHttpContext().Request, id, CancellationToken.None);
    }
}
