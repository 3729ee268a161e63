using System.Text;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class ReconcileHandlerTests : IDisposable
{
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task SentWithUnknownOutcomeAsync()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = _ => GatewayCall.Failed("timed out");
        await _h.Confirm.HandleAsync(stored, new CardInstrument("4111111111111111", "12", "2030", "123"), default);
    }

    private async Task SentForThreeDSecureAndStillPendingAsync()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "-1", string.Empty, payUrl: "https://gw.example/3ds")));
        await _h.Confirm.HandleAsync(stored, new CardInstrument("4111111111111111", "12", "2030", "123"), default);
        _h.Gateway.OnQuery = _ => QueryAnswer("-1");
    }

    private static GatewayCall QueryAnswer(string results, string amount = "100.00")
        => GatewayCall.Answer(Encoding.UTF8.GetBytes(
            $"<response><paymentInfo><order_number>ORD1</order_number><order_currency>USD</order_currency><order_amount>{amount}</order_amount><payment_id>231115103045123010521</payment_id><payment_results>{results}</payment_results><payment_details>80000:Approved</payment_details></paymentInfo></response>"));

    [Fact]
    public async Task Reconcile_QueryFindsSuccess_SettlesWithoutResubmitting()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = form =>
        {
            Assert.Equal("ORD1", form["order_number"]);
            return QueryAnswer("1");
        };

        var outcome = await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "test"), default);

        Assert.Equal(ReconcileOutcome.Settled, outcome);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
        Assert.Single(_h.Gateway.Payments);
    }

    [Fact]
    public async Task Reconcile_StillPending_SchedulesTheNextAttempt()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = _ => QueryAnswer("-1");
        while (_h.Scheduler.Scheduled.TryDequeue(out _))
        {
        }

        var outcome = await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 3, "test"), default);

        Assert.Equal(ReconcileOutcome.Rescheduled, outcome);
        Assert.Equal(PaymentStatus.Pending, _h.Store.Get("ORD1")!.Status);
        var (request, delay) = Assert.Single(_h.Scheduler.Scheduled);
        Assert.Equal(4, request.Attempt);
        Assert.Equal(_h.Policy.Schedule[4], delay);
    }

    [Fact]
    public async Task Reconcile_RequiresActionAndStillPending_StaysRequiresActionWithItsRedirect_AndIsCheckedAgain()
    {
        await SentForThreeDSecureAndStillPendingAsync();
        while (_h.Scheduler.Scheduled.TryDequeue(out _))
        {
        }

        _h.Clock.Advance(TimeSpan.FromSeconds(30));
        var outcome = await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "test"), default);

        Assert.Equal(ReconcileOutcome.Rescheduled, outcome);
        var payment = _h.Store.Get("ORD1")!;
        Assert.Equal(PaymentStatus.RequiresAction, payment.Status);
        Assert.Equal("https://gw.example/3ds", payment.NextAction?.RedirectUrl);
        var (request, _) = Assert.Single(_h.Scheduler.Scheduled);
        Assert.Equal(1, request.Attempt);
        Assert.Contains(_h.Store.Records("ORD1"), r => r.Values.GetValueOrDefault("type") == "transition" && r.Values["kind"] == "Ignored" && r.Values["source"] == "Query");
    }

    [Fact]
    public async Task Reconcile_RequiresActionPastTheHorizon_GoesToReview()
    {
        await SentForThreeDSecureAndStillPendingAsync();

        _h.Clock.Advance(_h.Policy.Horizon);
        await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 9, "test"), default);

        Assert.Equal(PaymentStatus.Review, _h.Store.Get("ORD1")!.Status);
    }

    [Fact]
    public async Task Reconcile_NotFoundWithinGrace_WaitsThenFails()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = _ => GatewayCall.Answer(Encoding.UTF8.GetBytes("<response></response>"));

        Assert.Equal(ReconcileOutcome.Rescheduled, await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "t"), default));
        Assert.Equal(PaymentStatus.Processing, _h.Store.Get("ORD1")!.Status);

        _h.Clock.Advance(_h.Policy.NotFoundGracePeriod);
        Assert.Equal(ReconcileOutcome.Settled, await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 1, "t"), default));
        Assert.Equal(PaymentStatus.Failed, _h.Store.Get("ORD1")!.Status);
        Assert.Single(_h.Gateway.Payments);
    }

    [Fact]
    public async Task Reconcile_AFailureInDoubtThatTheGatewayHasNoRecordOf_IsSettledOnceNotRecheckedForever()
    {
        await SentWithUnknownOutcomeAsync();
        var stored = (await _h.Store.FindAsync("ORD1", default))!;
        _h.Store.Seed(stored.Data with { Status = PaymentStatus.Failed, OutcomeUnknown = true, FailureCode = "80022" });
        _h.Gateway.OnQuery = _ => GatewayCall.Answer(Encoding.UTF8.GetBytes("<response></response>"));
        _h.Clock.Advance(_h.Policy.NotFoundGracePeriod);

        Assert.Equal(ReconcileOutcome.Settled, await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 3, "t"), default));

        var payment = _h.Store.Get("ORD1")!;
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("80022", payment.FailureCode);
        Assert.False(new Payment(payment).AwaitsStatusCheck);
        Assert.DoesNotContain(_h.Scheduler.Scheduled, s => s.Request.Attempt == 4);
        Assert.Equal(ReconcileOutcome.NothingToDo, await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 4, "t"), default));
    }

    [Fact]
    public async Task Reconcile_BlockWithoutPaymentId_IsNotFoundNotFailed()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = _ => GatewayCall.Answer(Encoding.UTF8.GetBytes(
            "<response><paymentInfo><order_number>ORD1</order_number><payment_id></payment_id><payment_results>0</payment_results><payment_details>20062:Order number does not exist</payment_details></paymentInfo></response>"));

        Assert.Equal(ReconcileOutcome.Rescheduled, await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "t"), default));
        Assert.Equal(PaymentStatus.Processing, _h.Store.Get("ORD1")!.Status);
    }

    [Fact]
    public async Task Reconcile_AtTheHorizon_GoesToReviewWithAGiveUpMetric()
    {
        await SentWithUnknownOutcomeAsync();
        long giveUps = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PaymentsTelemetry.MeterName && instrument.Name == "reconcile.giveups")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref giveUps, value));
        listener.Start();
        _h.Clock.Advance(_h.Policy.Horizon);

        var outcome = await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 20, "t"), default);

        Assert.Equal(ReconcileOutcome.GaveUp, outcome);
        Assert.Equal(PaymentStatus.Review, _h.Store.Get("ORD1")!.Status);
        Assert.Equal(1, giveUps);
        Assert.Empty(_h.Gateway.Queries);
    }

    [Fact]
    public async Task Reconcile_QueryFails_Reschedules()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = _ => GatewayCall.Failed("HTTP 503");

        Assert.Equal(ReconcileOutcome.Rescheduled, await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "t"), default));
        Assert.Equal(PaymentStatus.Processing, _h.Store.Get("ORD1")!.Status);
    }

    [Fact]
    public async Task Reconcile_FinalPayment_DoesNothing()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = _ => QueryAnswer("1");
        await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "t"), default);

        Assert.Equal(ReconcileOutcome.NothingToDo, await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 1, "t"), default));
        Assert.Single(_h.Gateway.Queries);
    }

    [Fact]
    public async Task Reconcile_QueryWithOtherAmount_SendsToReview()
    {
        await SentWithUnknownOutcomeAsync();
        _h.Gateway.OnQuery = _ => QueryAnswer("1", amount: "1.00");

        await _h.Reconcile.HandleAsync(new ReconcileRequest("ORD1", 0, "t"), default);

        Assert.Equal(PaymentStatus.Review, _h.Store.Get("ORD1")!.Status);
    }
}
