using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;
using Payments.Core.Tests.Application;

namespace Payments.Core.Tests.Events;

/// <summary>The change projector: waits for the signalled change, then indexes and publishes, each step safe to repeat.</summary>
public sealed class ChangeProjectorTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly InMemoryPaymentStore _store = new();
    private readonly RecordingIndex _index = new();
    private readonly List<string> _steps = [];
    private readonly FakeEvents _events;

    public ChangeProjectorTests() => _events = new FakeEvents { Steps = _steps };

    [Fact]
    public async Task ProjectAsync_ChangeNotWrittenYet_NotYetAndTouchesNothing()
    {
        _store.Seed(Payment(sequence: 2));

        var outcome = await Projector().ProjectAsync("ORD-1", 3, None);

        Assert.Equal(ProjectionOutcome.NotYet, outcome);
        Assert.Empty(_index.Projected);
        Assert.Empty(_steps);
        Assert.Equal(ProjectionOutcome.NotYet, await Projector().ProjectAsync("ORD-UNKNOWN", 1, None));
    }

    [Fact]
    public async Task ProjectAsync_IndexesThenPublishesEachEventInOrder_FeedBeforeWebhooksBeforeMark()
    {
        _store.Seed(Payment(sequence: 3));
        _events.Unpublished.AddRange([Event(2), Event(3)]);

        var outcome = await Projector().ProjectAsync("ORD-1", 3, None);

        Assert.Equal(ProjectionOutcome.Published, outcome);
        Assert.Equal(3, Assert.Single(_index.Projected).ChangeSequence);
        Assert.Equal(["feed 2", "outbox 2", "mark 2", "feed 3", "outbox 3", "mark 3"], _steps);
    }

    [Fact]
    public async Task ProjectAsync_CrashAfterTheFeed_RunAgainPublishesTheRestWithoutLosingAny()
    {
        _store.Seed(Payment(sequence: 2));
        _events.Unpublished.Add(Event(2));
        var failing = new ChangeProjector(_store, _index, _events, new Feed(_steps), new Outbox(_steps, fail: true));

        await Assert.ThrowsAsync<IOException>(() => failing.ProjectAsync("ORD-1", 2, None));
        var outcome = await Projector().ProjectAsync("ORD-1", 2, None);

        Assert.Equal(ProjectionOutcome.Published, outcome);
        Assert.Equal(["feed 2", "feed 2", "outbox 2", "mark 2"], _steps);
        Assert.Empty(_events.Unpublished);
    }

    [Fact]
    public async Task ProjectAsync_NothingUnpublished_OnlyIndexes()
    {
        _store.Seed(Payment(sequence: 5));

        Assert.Equal(ProjectionOutcome.Indexed, await Projector().ProjectAsync("ORD-1", 4, None));
        Assert.Single(_index.Projected);
        Assert.Empty(_steps);
    }

    private ChangeProjector Projector() => new(_store, _index, _events, new Feed(_steps), new Outbox(_steps, fail: false));

    private static MerchantEvent Event(long sequence)
        => new(EventIds.Format("ORD-1", sequence), "ORD-1", sequence, MerchantEventTypes.PaymentSucceeded, At, "{}"u8.ToArray());

    private static PaymentData Payment(long sequence) => new()
    {
        PaymentId = "pay_ORD-1",
        OrderNumber = "ORD-1",
        Account = "995149",
        Terminal = "99514901",
        Method = PaymentMethod.Card,
        Amount = new Money(2500, Currency.Parse("EUR")),
        Status = PaymentStatus.Succeeded,
        Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@example.com", Country = "DE" },
        ReturnUrl = "https://shop.example.com/r",
        ClientSecret = "cs_secret",
        CreatedAt = At,
        UpdatedAt = At,
        ChangeSequence = sequence,
        AnnouncedStatus = PaymentStatus.Succeeded,
    };

    private sealed class RecordingIndex : IPaymentIndex
    {
        public List<PaymentData> Projected { get; } = [];

        public Task ProjectAsync(PaymentData payment, CancellationToken cancellationToken)
        {
            Projected.Add(payment);
            return Task.CompletedTask;
        }

        public Task<PaymentListPage?> ListAsync(PaymentListQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<PaymentStatus, int>> CountAsync(DateOnly day, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class FakeEvents : IEventPublication
    {
        public List<MerchantEvent> Unpublished { get; } = [];

        public List<string> Steps { get; set; } = [];

        public Task<IReadOnlyList<MerchantEvent>> ListUnpublishedAsync(string orderNumber, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<MerchantEvent>>([.. Unpublished.Where(e => e.OrderNumber == orderNumber)]);

        public Task MarkPublishedAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken)
        {
            Unpublished.Remove(merchantEvent);
            Steps.Add($"mark {merchantEvent.Sequence}");
            return Task.CompletedTask;
        }
    }

    private sealed class Feed(List<string> steps) : IEventFeed
    {
        public Task AppendAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken)
        {
            steps.Add($"feed {merchantEvent.Sequence}");
            return Task.CompletedTask;
        }

        public Task<EventFeedPage?> ReadAsync(string? after, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class Outbox(List<string> steps, bool fail) : IWebhookOutbox
    {
        public Task<int> EnqueueAsync(MerchantEvent merchantEvent, CancellationToken cancellationToken)
        {
            if (fail)
            {
                throw new IOException("queue down");
            }

            steps.Add($"outbox {merchantEvent.Sequence}");
            return Task.FromResult(1);
        }
    }
}
