using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

/// <summary>
/// The product metrics move exactly as the operations guide says: each test compares everything
/// the harness's meter recorded, so a missing count and a count on the wrong instrument both fail.
/// </summary>
public sealed class PaymentsMetricsTests : IDisposable
{
    private readonly Harness _h = new();
    private readonly MetricRecorder _metrics;

    public PaymentsMetricsTests() => _metrics = new MetricRecorder(_h.Telemetry.Meter);

    public void Dispose()
    {
        _metrics.Dispose();
        _h.Dispose();
    }

    private static Dictionary<string, double> Expected(params (string Name, double Total)[] values)
        => values.ToDictionary(v => v.Name, v => v.Total, StringComparer.Ordinal);

    private static CardInstrument Card() => new("4111111111111111", "12", "2030", "123");

    private async Task<StoredPayment> SentForThreeDSecureAsync()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "-1", string.Empty, payUrl: "https://gw.example/3ds")));
        await _h.Confirm.HandleAsync(stored, Card(), default);
        return (await _h.Store.FindAsync("ORD1", default))!;
    }

    private async Task SentWithUnknownOutcomeAsync()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = _ => GatewayCall.Failed("timed out");
        await _h.Confirm.HandleAsync(stored, Card(), default);
    }

    private static GatewayCall QueryAnswer(string results)
        => GatewayCall.Answer(Encoding.UTF8.GetBytes(
            $"<response><paymentInfo><order_number>ORD1</order_number><order_currency>USD</order_currency><order_amount>100.00</order_amount><payment_id>231115103045123010521</payment_id><payment_results>{results}</payment_results><payment_details>80000:Approved</payment_details></paymentInfo></response>"));

    [Fact]
    public async Task Create_Created_CountsOneCreated()
    {
        await _h.Create.HandleAsync(Harness.Command(), null, default);

        Assert.Equal(Expected(("payments.created", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Create_InvalidOrReplayed_CountsNothingMore()
    {
        await _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-1", default);

        await _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-1", default);
        await _h.Create.HandleAsync(Harness.Command() with { ReturnUrl = "https://evil.example.net/" }, null, default);

        Assert.Equal(Expected(("payments.created", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Confirm_Approved_CountsSucceeded()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "1", "80000:Transaction Approved")));

        await _h.Confirm.HandleAsync(stored, Card(), default);

        Assert.Equal(Expected(("payments.created", 1), ("payments.succeeded", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Confirm_Declined_CountsFailed()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "0", "80022:Not Sufficient Funds")));

        await _h.Confirm.HandleAsync(stored, Card(), default);

        Assert.Equal(Expected(("payments.created", 1), ("payments.failed", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Notice_Success_CountsAcceptedAndSucceeded()
    {
        await SentForThreeDSecureAsync();

        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Approved")), default);

        Assert.Equal(Expected(("notices.accepted", 1), ("payments.created", 1), ("payments.succeeded", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Notice_SentTwice_CountsOneAcceptedAndOneDuplicate()
    {
        await SentForThreeDSecureAsync();
        var notice = GatewayMessages.Xml(GatewayMessages.Result("ORD1", "0", "80022:Not Sufficient Funds"));

        await _h.Notices.HandleAsync(notice, default);
        await _h.Notices.HandleAsync(notice, default);

        Assert.Equal(Expected(("notices.accepted", 1), ("notices.duplicate", 1), ("payments.created", 1), ("payments.failed", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Notice_AmountMismatch_CountsReview()
    {
        await SentForThreeDSecureAsync();

        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Approved", amount: "1.00")), default);

        Assert.Equal(PaymentStatus.Review, _h.Store.Get("ORD1")!.Status);
        Assert.Equal(Expected(("notices.accepted", 1), ("payments.created", 1), ("payments.review", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Notice_ForgedOrUnreadable_CountsRejected()
    {
        await SentForThreeDSecureAsync();
        var fields = GatewayMessages.Result("ORD1", "1", "80000:Approved");

        await _h.Notices.HandleAsync(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields, "wrong-secret")), default);
        await _h.Notices.HandleAsync(Encoding.UTF8.GetBytes("garbage"), default);

        Assert.Equal(Expected(("notices.rejected", 2), ("payments.created", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Reconcile_Query_CountsAnAttemptAndTheResult()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = _ => QueryAnswer("1");

        await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "test"), default);

        Assert.Equal(Expected(("payments.created", 1), ("payments.succeeded", 1), ("reconcile.attempts", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Reconcile_StillPendingTwice_CountsTwoAttempts()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = _ => QueryAnswer("-1");

        await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "test"), default);
        await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 1, "test"), default);

        Assert.Equal(2, _metrics.Total("reconcile.attempts"));
        Assert.Equal(0, _metrics.Total("reconcile.giveups"));
    }

    [Fact]
    public async Task Reconcile_AtTheHorizon_CountsGiveUpAndReviewWithoutAQuery()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Clock.Advance(_h.Policy.Horizon);

        await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 20, "test"), default);

        Assert.Equal(Expected(("payments.created", 1), ("payments.review", 1), ("reconcile.giveups", 1)), _metrics.Snapshot());
    }

    [Fact]
    public async Task Review_PoisonMessage_CountsReviewOnce()
    {
        await SentWithUnknownOutcomeAsync();
        var review = new ReviewHandler(_h.Writer, _h.Telemetry, NullLogger<ReviewHandler>.Instance);

        await review.MarkForReviewAsync("ORD1", "poison", default);
        await review.MarkForReviewAsync("ORD1", "poison again", default);

        Assert.Equal(Expected(("payments.created", 1), ("payments.review", 1)), _metrics.Snapshot());
    }
}
