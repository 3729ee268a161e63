using System.Text.Json;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class PaymentAttemptsTests : IDisposable
{
    private const string Order = "ORD1";
    private const string FirstId = "231115103045123010521";
    private const string SecondId = "231115103045123010999";
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("ORD1", 1, "ORD1")]
    [InlineData("ORD1", 2, "ORD1__2")]
    [InlineData("ORD1", 5, "ORD1__5")]
    public void GatewayOrderNumber_IsThePaymentsForTheFirstAttempt_AndSuffixedForLaterOnes(string order, int attempt, string expected)
    {
        Assert.Equal(expected, PaymentAttempts.GatewayOrderNumber(order, attempt));
        Assert.Equal((order, attempt), PaymentAttempts.Split(expected));
    }

    [Theory]
    [InlineData("ORD1__2", true)]
    [InlineData("ORD1__5", true)]
    [InlineData("ORD1__6", false)]
    [InlineData("ORD1__1", false)]
    [InlineData("ORD1_2", false)]
    [InlineData("__2", false)]
    [InlineData("ORD1__22", false)]
    public void IsAttemptForm_OnlyTheSuffixOfALaterAttempt(string order, bool expected)
        => Assert.Equal(expected, PaymentAttempts.IsAttemptForm(order));

    [Theory]
    [InlineData(0, "ORD1", "maxAttempts")]
    [InlineData(6, "ORD1", "maxAttempts")]
    [InlineData(1, "ORD1__3", "orderNumber")] // a later attempt's form belongs to another payment
    [InlineData(2, "A2345678901234567890123456789012345678901234567X", "orderNumber")] // 48: no room for __n
    public async Task Create_RefusesAttemptsItCouldNotSend(int maxAttempts, string order, string field)
    {
        var result = await _h.Create.HandleAsync(Harness.Command(orderNumber: order) with { MaxAttempts = maxAttempts }, null, default);

        Assert.Equal(CreatePaymentStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e.Field == field);
        Assert.Null(_h.Store.Get(order));
    }

    [Fact]
    public async Task Create_ALongOrderNumberWithOneAttempt_IsFine()
    {
        var order = new string('A', 50);
        var result = await _h.Create.HandleAsync(Harness.Command(orderNumber: order), null, default);

        Assert.Equal(CreatePaymentStatus.Created, result.Status);
    }

    [Fact]
    public async Task ADecline_WithAttemptsLeft_WaitsForAnotherCard_AndTheNextAttemptGoesUnderItsOwnOrderNumber()
    {
        var stored = await CreatedAsync(maxAttempts: 3);
        Answer(("80022:Not Sufficient Funds", "0", FirstId));

        var first = await _h.Confirm.HandleAsync(stored, Card("4000000000000002"), default);

        Assert.Equal(PaymentStatus.RequiresPaymentMethod, first.Payment.Status);
        var view = PaymentView.From(first.Payment, "https://pay.example.com/qr");
        Assert.Equal("requires_payment_method", view.Status);
        Assert.Equal("80022", view.LastFailure!.Code);
        Assert.Null(view.Failure);
        Assert.Equal((3, 2), (view.MaxAttempts, view.AttemptsLeft));
        var failed = EventData(MerchantEventTypesOf(Order).Single(e => e.Type == "payment.failed"));
        Assert.Equal(2, failed.GetProperty("attemptsLeft").GetInt32());
        Assert.Equal("requires_payment_method", failed.GetProperty("status").GetString());

        Answer(("80000:Transaction Approved", "1", SecondId));
        var second = await _h.Confirm.HandleAsync((await _h.Store.FindAsync(Order, default))!, Card("4111111111111111"), default);

        Assert.Equal(ConfirmStatus.Sent, second.Status);
        Assert.Equal(PaymentStatus.Succeeded, second.Payment.Status);
        Assert.Equal(["ORD1", "ORD1__2"], _h.Gateway.Payments.Select(f => f.Fields.Single(x => x.Key == "order_number").Value));
        Assert.Equal(SecondId, second.Payment.GatewayPaymentId);
        var attempts = PaymentView.From(second.Payment, "https://pay.example.com/qr").Attempts!;
        Assert.Equal([(1, "ORD1", "failed"), (2, "ORD1__2", "succeeded")], attempts.Select(a => (a.Number, a.OrderNumber, a.Status)));
        Assert.Equal("80022", attempts[0].Failure!.Code);
        Assert.Equal(["payment.failed", "payment.succeeded"], MerchantEventTypesOf(Order).Select(e => e.Type));
    }

    [Fact]
    public async Task ADecline_OfAPaymentWithOneAttempt_FailsAsBefore_AndAnotherConfirmSendsNothing()
    {
        var stored = await CreatedAsync(maxAttempts: 1);
        Answer(("80022:Not Sufficient Funds", "0", FirstId));

        var first = await _h.Confirm.HandleAsync(stored, Card("4000000000000002"), default);
        var again = await _h.Confirm.HandleAsync((await _h.Store.FindAsync(Order, default))!, Card("4111111111111111"), default);

        Assert.Equal(PaymentStatus.Failed, first.Payment.Status);
        Assert.Equal(ConfirmStatus.AlreadyConfirmed, again.Status);
        Assert.Single(_h.Gateway.Payments);
        var view = PaymentView.From(first.Payment, "https://pay.example.com/qr");
        Assert.Null(view.Attempts);
        Assert.Null(view.AttemptsLeft);
        Assert.Equal("80022", view.Failure!.Code);
    }

    [Fact]
    public async Task TheLastAllowedAttemptDeclined_Fails_WithNoAttemptsLeft()
    {
        var stored = await CreatedAsync(maxAttempts: 2);
        Answer(("80022:Not Sufficient Funds", "0", FirstId));
        await _h.Confirm.HandleAsync(stored, Card("4000000000000002"), default);
        Answer(("80022:Not Sufficient Funds", "0", SecondId));

        var last = await _h.Confirm.HandleAsync((await _h.Store.FindAsync(Order, default))!, Card("4000000000000002"), default);

        Assert.Equal(PaymentStatus.Failed, last.Payment.Status);
        var events = MerchantEventTypesOf(Order);
        Assert.Equal(["payment.failed", "payment.failed"], events.Select(e => e.Type));
        Assert.Equal([1, 0], events.Select(e => EventData(e).GetProperty("attemptsLeft").GetInt32()));
    }

    [Fact]
    public async Task AResultOfTheEarlierAttempt_ThatTookNoMoney_ChangesNothing()
    {
        await DeclinedThenSecondInFlightAsync();

        var applied = await _h.Applier.ApplyAsync(Facts(Order, "0", FirstId), null, default);

        Assert.Equal(TransitionKind.Ignored, applied.Transition!.Kind);
        Assert.Equal(PaymentStatus.Processing, _h.Store.Get(Order)!.Status);
    }

    [Fact]
    public async Task AResultOfTheCurrentAttempt_IsFoundByItsOwnOrderNumber()
    {
        await DeclinedThenSecondInFlightAsync();

        await _h.Applier.ApplyAsync(Facts("ORD1__2", "1", SecondId), null, default);

        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get(Order)!.Status);
        Assert.Equal(SecondId, _h.Store.Get(Order)!.GatewayPaymentId);
    }

    [Fact]
    public async Task TheStatusCheckOfALaterAttempt_AsksForItsOrderNumber()
    {
        await DeclinedThenSecondInFlightAsync();
        _h.Gateway.OnQuery = form => GatewayMessages.QueryAnswer(form["order_number"], "1", SecondId);

        var outcome = await _h.Reconcile.HandleAsync(new ReconcileRequest(Order, 0, "test"), default);

        Assert.Equal(ReconcileOutcome.Settled, outcome);
        Assert.Equal("ORD1__2", _h.Gateway.Queries.Single().Fields.Single(f => f.Key == "order_number").Value);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get(Order)!.Status);
    }

    [Fact]
    public async Task ALateSuccessOfTheEarlierAttempt_AfterTheLaterOneSucceeded_IsRefundedAutomatically_Once()
    {
        await DeclinedThenSecondInFlightAsync();
        await _h.Applier.ApplyAsync(Facts("ORD1__2", "1", SecondId), null, default);
        _h.Gateway.OnRefund = _ => GatewayMessages.RefundAnswer("00", "231120090000000077");

        await _h.Applier.ApplyAsync(Facts(Order, "1", FirstId), null, default);
        var repeated = await _h.Applier.ApplyAsync(Facts(Order, "1", FirstId), null, default);

        var payment = _h.Store.Get(Order)!;
        Assert.Equal((PaymentStatus.Succeeded, SecondId), (payment.Status, payment.GatewayPaymentId));
        var sent = Assert.Single(_h.Gateway.Refunds);
        Assert.Equal(FirstId, sent.Fields.Single(f => f.Key == "payment_id").Value);
        Assert.Equal("1", sent.Fields.Single(f => f.Key == "refund_type").Value);
        Assert.Equal("100.00", sent.Fields.Single(f => f.Key == "refund_amount").Value);
        Assert.Equal(TransitionKind.Duplicate, repeated.Transition!.Kind);
        var refund = Assert.Single(await _h.Writer.ListRefundsAsync(Order, default));
        Assert.Equal((1, FirstId, "231120090000000077"), (refund.ChargeAttempt, refund.ChargePaymentId, refund.GatewayRefundId));
        Assert.Equal(0, payment.RefundsReservedMinor);
        Assert.Equal(10000, new Payment(payment).RefundableMinor);
        Assert.Contains(_h.Store.Records(Order), r => r.Kind == PaymentRecord.Event && r.Values.GetValueOrDefault("type") == "late-charge-refund");
        Assert.True(PaymentView.From(payment, string.Empty).Attempts![0].Status == "charged");

        // Its check asks the refund query about the first attempt's charge, and the settled refund is told.
        _h.Gateway.OnRefundQuery = _ => GatewayMessages.RefundQueryAnswer("231120090000000077", "1", "100.00", Order, FirstId);
        var check = _h.Scheduler.Scheduled.Last(s => s.Request.RefundId == refund.RefundId).Request;
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ReconcileOutcome.Settled, await _h.Reconcile.HandleAsync(check, default));
        Assert.Equal(0, _h.Store.Get(Order)!.RefundedMinor);
        var told = EventData(MerchantEventTypesOf(Order).Single(e => e.Type == "refund.succeeded"));
        Assert.Equal(1, told.GetProperty("refund").GetProperty("chargeAttempt").GetInt32());
    }

    [Fact]
    public async Task ALateSuccessOfTheEarlierAttempt_WhenNoAttemptTookMoney_IsThePaymentsCharge()
    {
        var stored = await CreatedAsync(maxAttempts: 3);
        Answer(("80022:Not Sufficient Funds", "0", FirstId));
        await _h.Confirm.HandleAsync(stored, Card("4000000000000002"), default);
        Answer(("80022:Not Sufficient Funds", "0", SecondId));
        await _h.Confirm.HandleAsync((await _h.Store.FindAsync(Order, default))!, Card("4000000000000002"), default);

        var applied = await _h.Applier.ApplyAsync(Facts(Order, "1", FirstId), null, default);

        var payment = _h.Store.Get(Order)!;
        Assert.Equal(TransitionKind.Applied, applied.Transition!.Kind);
        Assert.Equal((PaymentStatus.Succeeded, 1, FirstId, "ORD1"), (payment.Status, payment.Attempt, payment.GatewayPaymentId, payment.GatewayOrderNumber));
        Assert.Equal([(1, "succeeded"), (2, "failed")], PaymentView.From(payment, string.Empty).Attempts!.OrderBy(a => a.Number).Select(a => (a.Number, a.Status)));
        Assert.Empty(_h.Gateway.Refunds);
        Assert.Equal(0, payment.AttemptsLeft);
    }

    [Fact]
    public async Task ALateSuccessOfTheEarlierAttempt_WhileTheNextIsInFlight_GoesToReview()
    {
        await DeclinedThenSecondInFlightAsync();

        var applied = await _h.Applier.ApplyAsync(Facts(Order, "1", FirstId), null, default);

        Assert.Equal(TransitionKind.SentToReview, applied.Transition!.Kind);
        Assert.Equal(PaymentStatus.Review, _h.Store.Get(Order)!.Status);
        Assert.Empty(_h.Gateway.Refunds);
    }

    [Fact]
    public async Task AConfirmWhileTheDeclinedAttemptIsInDoubt_SendsNothing()
    {
        var stored = await CreatedAsync(maxAttempts: 3);
        Answer(("80022:Not Sufficient Funds", "0", FirstId));
        await _h.Confirm.HandleAsync(stored, Card("4000000000000002"), default);
        // A success naming another gateway payment id: only a query can tell, so the decline is in doubt.
        await _h.Applier.ApplyAsync(Facts(Order, "1", SecondId), null, default);
        Assert.True(_h.Store.Get(Order)!.OutcomeUnknown);

        var again = await _h.Confirm.HandleAsync((await _h.Store.FindAsync(Order, default))!, Card("4111111111111111"), default);

        Assert.Equal(ConfirmStatus.AlreadyConfirmed, again.Status);
        Assert.Single(_h.Gateway.Payments);
    }

    private async Task<StoredPayment> CreatedAsync(int maxAttempts)
    {
        var created = await _h.Create.HandleAsync(Harness.Command() with { MaxAttempts = maxAttempts }, null, default);
        Assert.Equal(CreatePaymentStatus.Created, created.Status);
        return (await _h.Store.FindAsync(Order, default))!;
    }

    // Attempt 1 declined, attempt 2 sent with no answer yet.
    private async Task DeclinedThenSecondInFlightAsync()
    {
        var stored = await CreatedAsync(maxAttempts: 3);
        Answer(("80022:Not Sufficient Funds", "0", FirstId));
        await _h.Confirm.HandleAsync(stored, Card("4000000000000002"), default);
        _h.Gateway.OnPay = _ => GatewayCall.Failed("timed out");
        await _h.Confirm.HandleAsync((await _h.Store.FindAsync(Order, default))!, Card("4111111111111111"), default);
        Assert.Equal((PaymentStatus.Processing, 2), (_h.Store.Get(Order)!.Status, _h.Store.Get(Order)!.Attempt));
    }

    // The gateway answers each payment request for the order number it was sent.
    private void Answer((string Details, string Status, string PaymentId) answer)
        => _h.Gateway.OnPay = form =>
        {
            var fields = GatewayMessages.Result(form["order_number"], answer.Status, answer.Details);
            fields["payment_id"] = answer.PaymentId;
            return GatewayCall.Answer(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields)));
        };

    private static CardInstrument Card(string number) => new(number, "12", "2030", "123");

    private static GatewayFacts Facts(string gatewayOrder, string status, string paymentId)
    {
        var fields = GatewayMessages.Result(gatewayOrder, status, status == "1" ? "80000:Transaction Approved" : "80022:Not Sufficient Funds");
        fields["payment_id"] = paymentId;
        var message = GatewayXml.ParseMessage(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields))).Value!;
        return GatewayFacts.From(Oceanpayment.Results.PaymentResult.From(message, Oceanpayment.Results.ResultSource.Notice));
    }

    private List<global::Payments.Core.Events.MerchantEvent> MerchantEventTypesOf(string order) => [.. _h.Store.Events(order)];

    private static JsonElement EventData(global::Payments.Core.Events.MerchantEvent e) => JsonDocument.Parse(e.Body).RootElement.GetProperty("data");
}
