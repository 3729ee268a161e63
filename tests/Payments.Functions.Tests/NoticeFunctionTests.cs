using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;
using Payments.Functions.Budgets;
using Payments.Infrastructure.Options;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Payments.Functions.Tests;

/// <summary>The notice function called directly, with the storage port mocked at the boundary.</summary>
public sealed class NoticeFunctionTests : IDisposable
{
    private readonly PaymentsTelemetry _telemetry = new();
    private readonly Mock<IPaymentStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IReconcileScheduler> _scheduler = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _telemetry.Dispose();

    private OceanpaymentNoticeFunction Function()
    {
        var secrets = new InMemorySecureCodeSource([new(new TerminalKey("995149", "99514903"), "12345678")]);
        var verifier = new MessageVerifier(secrets);
        var policy = new ReconcilePolicy();
        var writer = new PaymentWriter(_store.Object, Mock.Of<IOpenPaymentIndexWriter>(MockBehavior.Strict), new PaymentChanges(Settings, _clock), _scheduler.Object, policy, _clock);
        var applier = new ResultApplier(_store.Object, writer, new RefundHandler(writer, Mock.Of<IOceanpaymentClient>(MockBehavior.Strict), secrets, policy, _telemetry, NullLogger<RefundHandler>.Instance), _telemetry, _clock, NullLogger<ResultApplier>.Instance);
        var budgets = new OperationBudgets(MsOptions.Create(new BudgetOptions()), MsOptions.Create(new OceanpaymentOptions()), _clock, NullLogger<OperationBudgets>.Instance);
        return new OceanpaymentNoticeFunction(new NoticeHandler(verifier, applier, _store.Object, writer, new RefundReconciler(writer, new CheckChain(writer, Mock.Of<IOceanpaymentClient>(MockBehavior.Strict), secrets, _telemetry, NullLogger<CheckChain>.Instance), policy, _telemetry, _clock, NullLogger<RefundReconciler>.Instance), _telemetry, _clock, NullLogger<NoticeHandler>.Instance), budgets);
    }

    private bool SameButBooked(PaymentData written)
        => written.NextCheckAt > _clock.GetUtcNow() && written with { NextCheckAt = null } == Pending().Data;

    private static StoredPayment Pending() => new(new PaymentData
    {
        PaymentId = "pay_ORD9",
        OrderNumber = "ORD9",
        Account = "995149",
        Terminal = "99514903",
        Method = PaymentMethod.WeChatPayWeb,
        Amount = new Money(2500, Currency.Parse("USD")),
        Status = PaymentStatus.Pending,
        Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@b.cd", Country = "US", State = "CA" },
        ReturnUrl = "https://shop.example.com/x",
        ClientSecret = "s",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        // As a stored row stands: its status already told (a booking alone tells nothing new).
        ChangeSequence = 2,
        AnnouncedStatus = PaymentStatus.Pending,
    }, "etag-1");

    private static readonly PaymentsSettings Settings = new()
    {
        PublicBaseUrl = new Uri("https://pay.example.com/"),
        Routing = TerminalRouting.Of(TerminalRule.Serving("cards", new TerminalKey("995149", "99514903"), PaymentMethod.Card)),
        AllowedReturnOrigins = [],
    };

    private static HttpRequest Request(string secureCode)
    {
        var fields = Notices.Success("ORD9", "25.00", terminal: "99514903");
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = Notices.Signed(fields, secureCode).ReadAsStream();
        return context.Request;
    }

    [Fact]
    public async Task StorageFailure_IsNotAcknowledged()
    {
        _store.Setup(s => s.FindAsync("ORD9", It.IsAny<CancellationToken>())).ReturnsAsync(Pending());
        _store.Setup(s => s.CommitAsync(It.Is<PaymentCommit>(c => c.Version == "etag-1"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("storage unreachable"));

        // The exception reaches the host, which answers 500: Oceanpayment sends the notice again.
        await Assert.ThrowsAsync<IOException>(() => Function().RunAsync(Request("12345678"), default));
    }

    [Fact]
    public async Task VerifiedNotice_IsWrittenOnceWithItsRecordThenAcknowledged()
    {
        _store.Setup(s => s.FindAsync("ORD9", It.IsAny<CancellationToken>())).ReturnsAsync(Pending());
        _store.Setup(s => s.CommitAsync(
                It.Is<PaymentCommit>(c => c.Payment.Status == PaymentStatus.Succeeded && c.Version == "etag-1" && c.Added.Count(x => x.Kind == PaymentRecord.Notice) == 1),
                It.IsAny<CancellationToken>()))
            .ReturnsAsync(SaveOutcome.Saved);

        var result = await Function().RunAsync(Request("12345678"), default);

        Assert.Equal("receive-ok", Assert.IsType<ContentResult>(result).Content);
        _store.Verify(s => s.CommitAsync(It.IsAny<PaymentCommit>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ForgedNotice_CountsASecurityEventAndBooksOneCheckWithoutChangingState()
    {
        _store.Setup(s => s.FindAsync("ORD9", It.IsAny<CancellationToken>())).ReturnsAsync(Pending());
        _store.Setup(s => s.CountEventAsync("ORD9", It.Is<PaymentRecord>(r => r.Values["type"] == "security"), "notice-InvalidSignature", It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);
        _store.Setup(s => s.CommitAsync(
                It.Is<PaymentCommit>(c => SameButBooked(c.Payment) && c.Version == "etag-1" && c.Added.Count == 0 && c.Events.Count == 0),
                It.IsAny<CancellationToken>()))
            .ReturnsAsync(SaveOutcome.Saved);
        _scheduler.Setup(s => s.ScheduleAsync(It.Is<ReconcileRequest>(r => r.OrderNumber == "ORD9" && r.DueAt != null), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var result = await Function().RunAsync(Request("not-the-secret"), default);

        Assert.Equal("receive-ok", Assert.IsType<ContentResult>(result).Content);
        _store.VerifyAll();
        _scheduler.VerifyAll();
    }

    [Fact]
    public async Task StorageHangs_AnswersNotRecordedWhenTheBudgetRunsOut()
    {
        SaveHangs();

        var answer = Function().RunAsync(Request("12345678"), default);
        for (var i = 0; i < 200 && _store.Invocations.Count(c => c.Method.Name == nameof(IPaymentStore.CommitAsync)) == 0; i++)
        {
            await Task.Delay(10);
        }

        _clock.Advance(new BudgetOptions().Notice - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.False(answer.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = Assert.IsType<ContentResult>(await answer.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(500, result.StatusCode);
        Assert.StartsWith("application/problem+json", result.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-ok", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerGoesAway_IsNotTurnedIntoAnAnswer()
    {
        SaveHangs();
        using var aborted = new CancellationTokenSource();

        var answer = Function().RunAsync(Request("12345678"), aborted.Token);
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    // Storage that never answers the write: only cancellation ends it.
    private void SaveHangs()
    {
        _store.Setup(s => s.FindAsync("ORD9", It.IsAny<CancellationToken>())).ReturnsAsync(Pending());
        _store.Setup(s => s.CommitAsync(It.Is<PaymentCommit>(c => c.Version == "etag-1"), It.IsAny<CancellationToken>()))
            .Returns(async (PaymentCommit _, CancellationToken token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return SaveOutcome.Saved;
            });
    }
}
