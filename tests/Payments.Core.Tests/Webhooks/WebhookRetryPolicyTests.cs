using Payments.Core.Webhooks;

namespace Payments.Core.Tests.Webhooks;

public sealed class WebhookRetryPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DelayAfter_NoJitter_DoublesFromTheFirstDelayUpToTheCap()
    {
        var policy = new WebhookRetryPolicy { FirstDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromHours(12), Jitter = 0 };

        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayAfter(1, 0.7));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.DelayAfter(2, 0.7));
        Assert.Equal(TimeSpan.FromMinutes(8), policy.DelayAfter(5, 0.7));
        Assert.Equal(TimeSpan.FromHours(12), policy.DelayAfter(12, 0.7));
        Assert.Equal(TimeSpan.FromHours(12), policy.DelayAfter(1000, 0.7));
    }

    [Theory]
    [InlineData(0.0, 80)]
    [InlineData(0.5, 100)]
    [InlineData(0.999999, 120)]
    public void DelayAfter_Jitter_SpreadsWithinTheFraction(double random, double expectedSeconds)
    {
        var policy = new WebhookRetryPolicy { FirstDelay = TimeSpan.FromSeconds(100), Jitter = 0.2 };

        Assert.Equal(expectedSeconds, policy.DelayAfter(1, random).TotalSeconds, precision: 2);
    }

    [Fact]
    public void Decide_Delivered_IsDeliveredWhateverTheAttempt()
        => Assert.Equal(WebhookDecisionKind.Delivered, new WebhookRetryPolicy().Decide(16, Start, Start.AddDays(5), delivered: true, 0.5).Kind);

    [Fact]
    public void Decide_Failed_RetriesWithTheNextAttemptAndItsDelay()
    {
        var decision = new WebhookRetryPolicy { Jitter = 0 }.Decide(3, Start, Start.AddMinutes(4), delivered: false, 0.5);

        Assert.Equal(WebhookDecision.RetryAfter(4, TimeSpan.FromMinutes(2)), decision);
        Assert.Equal("retrying", decision.OutcomeName);
    }

    [Fact]
    public void Decide_NextAttemptPastTheHorizon_DeadLetters()
    {
        var policy = new WebhookRetryPolicy { FirstDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1), Horizon = TimeSpan.FromHours(10), Jitter = 0 };

        Assert.Equal(WebhookDecisionKind.Retry, policy.Decide(9, Start, Start.AddHours(9), false, 0).Kind);
        Assert.Equal(WebhookDecisionKind.DeadLetter, policy.Decide(10, Start, Start.AddHours(9) + TimeSpan.FromSeconds(1), false, 0).Kind);
    }

    [Fact]
    public void Defaults_AReceiverThatNeverAnswers_IsTriedSixteenTimesOverAboutThreeDays()
    {
        var policy = new WebhookRetryPolicy { Jitter = 0 };
        var now = Start;
        var attempt = 1;
        while (policy.Decide(attempt, Start, now, delivered: false, 0) is { Kind: WebhookDecisionKind.Retry } decision)
        {
            now += decision.Delay;
            attempt = decision.NextAttempt;
        }

        Assert.Equal(16, attempt);
        Assert.InRange(now - Start, TimeSpan.FromDays(2.5), TimeSpan.FromDays(3));
    }

    [Fact]
    public void Defaults_WithFullJitter_NeverPassTheHorizon()
    {
        var policy = new WebhookRetryPolicy();
        foreach (var random in new[] { 0.0, 0.999 })
        {
            var now = Start;
            var attempt = 1;
            while (policy.Decide(attempt, Start, now, delivered: false, random) is { Kind: WebhookDecisionKind.Retry } decision)
            {
                now += decision.Delay;
                attempt = decision.NextAttempt;
            }

            Assert.True(now - Start <= policy.Horizon);
        }
    }
}
