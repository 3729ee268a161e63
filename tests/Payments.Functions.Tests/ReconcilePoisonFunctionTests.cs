using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Payments.Core.Application;
using Payments.Infrastructure.Storage;

namespace Payments.Functions.Tests;

/// <summary>The poison-message alert counts log event 9004: every poison message must produce exactly one.</summary>
public sealed class ReconcilePoisonFunctionTests
{
    private readonly EventRecorder _log = new();

    private ReconcilePoisonFunction Function()
    {
        // No payment behind the order: the review handler only looks it up.
        var store = new Mock<IPaymentStore>();
        var clock = new FakeTimeProvider();
        var telemetry = new PaymentsTelemetry();
        var writer = new PaymentWriter(store.Object, Mock.Of<IOpenPaymentIndexWriter>(MockBehavior.Strict), new Payments.Core.Events.PaymentChanges(new PaymentsSettings { PublicBaseUrl = new Uri("https://pay.example.com/"), Routing = Payments.Core.Oceanpayment.Terminals.TerminalRouting.Of(), AllowedReturnOrigins = [] }, clock), Mock.Of<IReconcileScheduler>(MockBehavior.Strict), new ReconcilePolicy(), clock);
        var review = new ReviewHandler(writer, telemetry, NullLogger<ReviewHandler>.Instance);
        var chain = new CheckChain(writer, Mock.Of<IOceanpaymentClient>(MockBehavior.Strict), Mock.Of<Payments.Core.Oceanpayment.Terminals.ISecureCodeSource>(MockBehavior.Strict), telemetry, NullLogger<CheckChain>.Instance);
        var refunds = new RefundReconciler(writer, chain, new ReconcilePolicy(), telemetry, clock, NullLogger<RefundReconciler>.Instance);
        return new ReconcilePoisonFunction(review, refunds, _log);
    }

    [Fact]
    public async Task RunAsync_ReadableMessage_LogsThePoisonEventWithTheOrder()
    {
        var message = new ReconcileMessage { OrderNumber = "ORD20261202A", Attempt = 5, Reason = "pending" }.ToJson();

        await Function().RunAsync(message, CancellationToken.None);

        var logged = Assert.Single(_log.Events);
        Assert.Equal((ReconcilePoisonFunction.PoisonEventId, LogLevel.Error), (logged.Id, logged.Level));
        Assert.Equal("ORD20261202A", logged.State["OrderNumber"]);
    }

    [Fact]
    public async Task RunAsync_ARefundsCheck_LogsThePoisonEventToo()
    {
        var message = new ReconcileMessage { OrderNumber = "ORD20261202B", Attempt = 5, Reason = "still-pending", RefundId = "re_0123456789abcdef01234567" }.ToJson();

        await Function().RunAsync(message, CancellationToken.None);

        Assert.Equal("ORD20261202B", Assert.Single(_log.Events).State["OrderNumber"]);
    }

    [Fact]
    public async Task RunAsync_UnreadableMessage_StillLogsThePoisonEvent()
    {
        await Function().RunAsync("{not json", CancellationToken.None);

        Assert.Equal(ReconcilePoisonFunction.PoisonEventId, Assert.Single(_log.Events).Id);
    }

    private sealed class EventRecorder : ILogger<ReconcilePoisonFunction>
    {
        public List<(int Id, LogLevel Level, Dictionary<string, object?> State)> Events { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            Events.Add((eventId.Id, logLevel, fields.ToDictionary(f => f.Key, f => f.Value)));
        }
    }
}
