using Microsoft.Extensions.Logging.Abstractions;
using Payments.Core.Application;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class OperatorActionsTests : IDisposable
{
    private const string Order = "ORD1";
    private readonly Harness _h = new();
    private readonly OperatorActions _actions;

    public OperatorActionsTests()
        => _actions = new OperatorActions(_h.Store, _h.Reconcile, _h.Refunds, _h.RefundChecks, new ReviewHandler(_h.Writer, _h.Telemetry, NullLogger<ReviewHandler>.Instance), _h.Clock, NullLogger<OperatorActions>.Instance);

    public void Dispose() => _h.Dispose();

    private async Task SeedAsync(PaymentStatus status)
    {
        var stored = await _h.CreatedAsync();
        _h.Store.Seed(stored.Data with { Status = status, GatewayPaymentId = GatewayMessages.PaymentId, SentAt = stored.Data.CreatedAt });
    }

    [Fact]
    public async Task APaymentInReview_IsAskedNow_AndAMatchingAnswerSettlesIt_WithTheOperatorOnRecord()
    {
        await SeedAsync(PaymentStatus.Review);
        _h.Gateway.OnQuery = _ => GatewayMessages.QueryAnswer(Order, "1");

        var result = await _actions.CheckNowAsync(Order, "ann@example.com", default);

        Assert.Equal(OperatorCheckStatus.Checked, result.Status);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get(Order)!.Status);
        var audit = Assert.Single(_h.Store.Records(Order), r => r.Values.GetValueOrDefault("type") == "operator-check");
        Assert.Equal("ann@example.com", audit.Values["operator"]);
        Assert.Single(_h.Gateway.Queries);
    }

    [Fact]
    public async Task ASucceededPaymentWithAPendingRefund_HasItsRefundAskedNow()
    {
        await SeedAsync(PaymentStatus.Succeeded);
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");
        await _h.Refunds.CreateAsync(Order, 1000, "x", null, default);
        _h.Gateway.OnRefundQuery = m => GatewayMessages.RefundQueryAnswer(m["refund_id"], "1", "10.00", Order);

        var result = await _actions.CheckNowAsync(Order, "ann@example.com", default);

        Assert.Equal(OperatorCheckStatus.Checked, result.Status);
        Assert.Equal(1000, result.Payment!.RefundedMinor);
        Assert.Empty(_h.Gateway.Queries);
    }

    [Theory]
    [InlineData(PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Canceled)]
    public async Task AFinalPaymentWithNothingPending_HasNothingToAsk(PaymentStatus status)
    {
        await SeedAsync(status);

        var result = await _actions.CheckNowAsync(Order, "ann@example.com", default);

        Assert.Equal(OperatorCheckStatus.NothingToCheck, result.Status);
        Assert.Empty(_h.Gateway.Queries);
        Assert.DoesNotContain(_h.Store.Records(Order), r => r.Values.GetValueOrDefault("type") == "operator-check");
    }

    [Fact]
    public async Task AReviewSettledByAnOperator_NamesTheOperatorInTheTimeline()
    {
        await SeedAsync(PaymentStatus.Review);

        var update = await _actions.ResolveAsync(Order, PaymentStatus.Failed, "Not in the gateway's back office", "ann@example.com", default);

        Assert.True(update!.Written);
        Assert.Equal(PaymentStatus.Failed, _h.Store.Get(Order)!.Status);
        var entry = Assert.Single(PaymentTimeline.Build(_h.Store.Get(Order)!, _h.Store.Records(Order)), e => e.Type == "operator-resolved");
        Assert.StartsWith("ann@example.com settled the review as Failed", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefundByAnOperator_GoesThroughTheRefundRules_AndNamesTheOperator_UnlikeOneByTheMerchantsServer()
    {
        await SeedAsync(PaymentStatus.Succeeded);
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000001");

        var result = await _actions.RefundAsync(Order, 400, "Returned item", "key-1", "ann@example.com", default);
        var tooMuch = await _actions.RefundAsync(Order, 1_000_000, "Everything", "key-2", "ann@example.com", default);
        await _h.Refunds.CreateAsync(Order, 100, "By the shop", null, default);

        Assert.Equal(RefundResultStatus.Created, result.Status);
        Assert.Equal(RefundResultStatus.ExceedsRefundable, tooMuch.Status);
        var entries = PaymentTimeline.Build(_h.Store.Get(Order)!, _h.Store.Records(Order)).Where(e => e.Type == "refund-requested").Select(e => e.Summary).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.EndsWith("asked for by ann@example.com: Returned item", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith("asked for: By the shop", StringComparison.Ordinal));
    }
}
