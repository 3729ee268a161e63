using Payments.Core.Application;
using Payments.Core.Webhooks;

namespace Payments.Core.Tests.Webhooks;

public sealed class WebhookRecordsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(500, WebhookDecisionKind.Retry, "HTTP 500; it will be tried again later.")]
    [InlineData(204, WebhookDecisionKind.Delivered, "HTTP 204; delivered.")]
    [InlineData(null, WebhookDecisionKind.DeadLetter, "no answer in time; that was the last attempt; it is in the dead-letter queue for an operator.")]
    public void Attempt_InTheTimeline_IsToldInPlainWords(int? status, WebhookDecisionKind kind, string ending)
    {
        var result = status is { } s ? WebhookAttemptResult.Answered(s) : WebhookAttemptResult.TimedOut;
        var decision = kind switch
        {
            WebhookDecisionKind.Retry => WebhookDecision.RetryAfter(3, TimeSpan.FromMinutes(1)),
            WebhookDecisionKind.Delivered => WebhookDecision.Delivered,
            _ => WebhookDecision.DeadLetter,
        };
        var record = WebhookRecords.Attempt("evt_ORD1.2", "payment.succeeded", "shop.example.com", 2, result, decision, At);

        var entry = Assert.Single(PaymentTimeline.Build(Payments.PaymentTests.NewPayment().Data, [record]), e => e.Type == "webhook");

        Assert.Equal($"Webhook payment.succeeded (evt_ORD1.2) to shop.example.com, attempt 2: {ending}", entry.Summary);
        Assert.Equal("shop.example.com", entry.Details["endpoint"]);
        Assert.Equal(result.Describe(), entry.Details["status"]);
    }
}
