using Payments.Core.Application;
using Payments.Infrastructure.Storage;

namespace Payments.Infrastructure.Tests.Storage;

public sealed class ReconcileMessageTests
{
    [Fact]
    public void ToJson_Request_WritesCamelCaseFields()
        => Assert.Equal(
            """{"orderNumber":"ORD-1","attempt":2,"reason":"timeout"}""",
            ReconcileMessage.From(new ReconcileRequest("ORD-1", 2, "timeout")).ToJson());

    [Fact]
    public void DueAt_RoundTripsThroughTheMessage()
    {
        var due = new DateTimeOffset(2026, 12, 2, 10, 15, 30, 123, TimeSpan.Zero);

        Assert.True(ReconcileMessage.TryParse(ReconcileMessage.From(new ReconcileRequest("ORD-1", 0, "sent") { DueAt = due }).ToJson(), out var parsed));

        Assert.Equal(due, parsed.ToRequest().DueAt);
    }

    [Fact]
    public void RefundId_RoundTripsThroughTheMessage_AndIsLeftOutForPaymentChecks()
    {
        var request = new ReconcileRequest("ORD-1", 3, "refund-accepted") { RefundId = "re_0123456789abcdef01234567" };

        Assert.True(ReconcileMessage.TryParse(ReconcileMessage.From(request).ToJson(), out var parsed));

        Assert.Equal(request, parsed.ToRequest());
        Assert.DoesNotContain("refundId", ReconcileMessage.From(request with { RefundId = null }).ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"orderNumber":"ORD-1","attempt":1,"reason":"x","refundId":"re_0123"}""")]
    [InlineData("""{"orderNumber":"ORD-1","attempt":1,"reason":"x","refundId":"re_0123456789ABCDEF01234567"}""")]
    [InlineData("not json")]
    [InlineData("""{"orderNumber":"ORD.1","attempt":1,"reason":"x"}""")]
    [InlineData("""{"orderNumber":"a/b","attempt":1,"reason":"x"}""")]
    [InlineData("""{"orderNumber":"ORD-1","attempt":-1,"reason":"x"}""")]
    [InlineData("""{"attempt":1,"reason":"x"}""")]
    [InlineData("""{"orderNumber":"ORD-1","attempt":"one","reason":"x"}""")]
    public void TryParse_Malformed_ReturnsFalse(string json)
        => Assert.False(ReconcileMessage.TryParse(json, out _));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(60, 60)]
    [InlineData(7 * 24 * 3600, 7 * 24 * 3600 - 3600)]
    public void VisibilityDelay_Delay_IsClampedBelowTheTimeToLive(int delaySeconds, int expectedSeconds)
    {
        var visibility = QueueReconcileScheduler.VisibilityDelay(TimeSpan.FromSeconds(delaySeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), visibility);
        Assert.True(visibility < QueueReconcileScheduler.TimeToLive);
    }
}
