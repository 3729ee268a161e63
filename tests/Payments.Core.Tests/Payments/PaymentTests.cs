using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Payments;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    internal static Payment NewPayment(long minor = 10000, string currency = "USD", PaymentStatus status = PaymentStatus.Processing) => new(new PaymentData
    {
        PaymentId = "pay_ORD1",
        OrderNumber = "ORD1",
        Account = "995149",
        Terminal = "99514901",
        Method = PaymentMethod.Card,
        Amount = new Money(minor, Currency.Parse(currency)),
        Status = status,
        Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@b.cd", Country = "US", State = "CA" },
        ReturnUrl = "https://shop.example/done",
        ClientSecret = "x",
        CreatedAt = Now,
        UpdatedAt = Now,
    });

    internal static GatewayFacts Facts(GatewayOutcome outcome, string amount = "100.00", string currency = "USD", string terminal = "99514901", string order = "ORD1", ResultSource source = ResultSource.Notice) => new()
    {
        Source = source,
        Outcome = outcome,
        Account = "995149",
        Terminal = terminal,
        OrderNumber = order,
        Currency = currency,
        Amount = amount,
        GatewayPaymentId = "231115103045123010521",
        MaskedCard = "411111****1111",
        Details = PaymentDetails.Parse(outcome == GatewayOutcome.Failed ? "80022:Not Sufficient Funds" : "80000:Transaction Approved"),
    };

    [Fact]
    public void Apply_MatchingSuccess_RecordsGatewayIdAndMaskedCard()
    {
        var payment = NewPayment();

        var transition = payment.Apply(Facts(GatewayOutcome.Succeeded), Now);

        Assert.Equal(TransitionKind.Applied, transition.Kind);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal("231115103045123010521", payment.Data.GatewayPaymentId);
        Assert.Equal("411111****1111", payment.Data.MaskedCard);
    }

    [Fact]
    public void Apply_Failure_KeepsCodeAndText()
    {
        var payment = NewPayment();

        payment.Apply(Facts(GatewayOutcome.Failed), Now);

        Assert.Equal(("80022", "Not Sufficient Funds"), (payment.Data.FailureCode, payment.Data.FailureMessage));
    }

    [Theory]
    [InlineData("1", "USD", "99514901", "ORD1")] // boundary-shifted: amount "1" + notes "00.00" signs like "100.00"
    [InlineData("100.01", "USD", "99514901", "ORD1")]
    [InlineData("100.00", "EUR", "99514901", "ORD1")]
    [InlineData("100.00", "USD", "99514902", "ORD1")]
    [InlineData("100.00", "USD", "99514901", "ORD2")]
    [InlineData("1e2", "USD", "99514901", "ORD1")]
    public void Apply_SuccessThatDoesNotMatch_GoesToReview(string amount, string currency, string terminal, string order)
    {
        var payment = NewPayment();

        var transition = payment.Apply(Facts(GatewayOutcome.Succeeded, amount, currency, terminal, order), Now);

        Assert.Equal(TransitionKind.SentToReview, transition.Kind);
        Assert.Equal(PaymentStatus.Review, payment.Status);
        Assert.NotEmpty(payment.Data.ReviewReason);
    }

    [Theory]
    [InlineData(615, "JPY", "615.00")]
    [InlineData(615, "JPY", "615")]
    [InlineData(1050, "EUR", "10.50")]
    [InlineData(1050, "EUR", "10.5")]
    public void Apply_GatewayReformattedAmount_Matches(long minor, string currency, string amount)
    {
        var payment = NewPayment(minor, currency);

        payment.Apply(Facts(GatewayOutcome.Succeeded, amount, currency), Now);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Apply_LateFailureAfterSuccess_IsIgnored()
    {
        var payment = NewPayment();
        payment.Apply(Facts(GatewayOutcome.Succeeded), Now);

        var transition = payment.Apply(Facts(GatewayOutcome.Failed), Now);

        Assert.Equal(TransitionKind.Ignored, transition.Kind);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Empty(payment.Data.FailureCode);
    }

    [Fact]
    public void Apply_RequiresAction_KeepsRedirect()
    {
        var payment = NewPayment();

        payment.Apply(Facts(GatewayOutcome.RequiresAction) with { PayUrl = "https://gw.example/3ds" }, Now);

        Assert.Equal(NextAction.Redirect, payment.Data.NextAction?.Type);
        Assert.Equal("https://gw.example/3ds", payment.Data.NextAction?.RedirectUrl);
    }

    [Fact]
    public void Apply_SuccessAfterQr_ClearsNextAction()
    {
        var payment = NewPayment();
        payment.Apply(Facts(GatewayOutcome.Pending) with { PayBarCode = "weixin://wxpay/bizpayurl?pr=abc" }, Now);
        Assert.Equal(NextAction.QrCode, payment.Data.NextAction?.Type);

        payment.Apply(Facts(GatewayOutcome.Succeeded), Now);

        Assert.Null(payment.Data.NextAction);
    }

    [Fact]
    public void MarkSent_Twice_OnlyFirstSends()
    {
        var payment = NewPayment(status: PaymentStatus.Created);

        Assert.True(payment.MarkSent(Now, Now.AddSeconds(30)));
        Assert.False(payment.MarkSent(Now, Now.AddSeconds(30)));
        Assert.Equal(PaymentStatus.Processing, payment.Status);
    }

    [Fact]
    public void AlreadyExistsAnswer_LeavesProcessingWithUnknownOutcome()
    {
        var payment = NewPayment();

        var transition = payment.Apply(Facts(GatewayOutcome.AlreadyExists), Now);

        Assert.Equal(TransitionKind.NeedsQuery, transition.Kind);
        Assert.Equal(PaymentStatus.Processing, payment.Status);
        Assert.True(payment.Data.OutcomeUnknown);
    }

    [Fact]
    public void MarkNotFoundAtGateway_OnlyFromProcessing()
    {
        var processing = NewPayment();
        var pending = NewPayment(status: PaymentStatus.Pending);

        Assert.Equal(TransitionKind.Applied, processing.MarkNotFoundAtGateway(Now).Kind);
        Assert.Equal(PaymentStatus.Failed, processing.Status);
        Assert.Equal(TransitionKind.Ignored, pending.MarkNotFoundAtGateway(Now).Kind);
        Assert.Equal(PaymentStatus.Pending, pending.Status);
    }

    [Fact]
    public void MarkForReview_FinalPayment_IsUnchanged()
    {
        var payment = NewPayment();
        payment.Apply(Facts(GatewayOutcome.Succeeded), Now);

        payment.MarkForReview("horizon", Now);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void BookCheck_WhileABookingLiesAhead_IsCoalesced()
    {
        var payment = NewPayment(status: PaymentStatus.Pending);

        Assert.True(payment.BookCheck(Now.AddSeconds(30), Now));
        Assert.False(payment.BookCheck(Now.AddSeconds(40), Now.AddSeconds(10)));
        Assert.Equal(Now.AddSeconds(30), payment.Data.NextCheckAt);
        Assert.True(payment.BookCheck(Now.AddSeconds(70), Now.AddSeconds(31)));
        Assert.Equal(Now.AddSeconds(70), payment.Data.NextCheckAt);
    }

    [Fact]
    public void IsStale_OnlyWhenAnotherBookingLiesAhead()
    {
        var booked = Now.AddMinutes(5);

        Assert.True(Payment.IsStale(Now.AddMinutes(1), booked, Now.AddMinutes(1)));
        Assert.False(Payment.IsStale(booked.AddMilliseconds(-3), booked, Now.AddMinutes(4))); // its own booking, rounded
        Assert.False(Payment.IsStale(Now.AddMinutes(1), booked, Now.AddMinutes(6))); // the booking is overdue: run
        Assert.False(Payment.IsStale(null, booked, Now)); // the sweep's checks are never stale
    }

    [Fact]
    public void Apply_SuccessNamingAnotherAttemptOfAFailure_AwaitsACheck()
    {
        var payment = NewPayment();
        payment.Apply(Facts(GatewayOutcome.Failed), Now);
        Assert.False(payment.AwaitsStatusCheck);

        var transition = payment.Apply(Facts(GatewayOutcome.Succeeded) with { GatewayPaymentId = "231115103045123010599" }, Now);

        Assert.Equal(TransitionKind.NeedsQuery, transition.Kind);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.True(payment.AwaitsStatusCheck);
        payment.Apply(Facts(GatewayOutcome.Failed, source: ResultSource.Query), Now.AddMinutes(1));
        Assert.False(payment.AwaitsStatusCheck); // the query answered: failed it stays
        Assert.Equal(Now.AddMinutes(1), payment.Data.LastQueriedAt);
    }
}
