using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class NoticeAndReturnTests : IDisposable
{
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<StoredPayment> SentForThreeDSecureAsync()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "-1", string.Empty, payUrl: "https://gw.example/3ds")));
        await _h.Confirm.HandleAsync(stored, new CardInstrument("4111111111111111", "12", "2030", "123"), default);
        return (await _h.Store.FindAsync("ORD1", default))!;
    }

    [Fact]
    public async Task Notice_VerifiedSuccess_IsRecordedAndAppliedInOneReadAndOneWrite()
    {
        await SentForThreeDSecureAsync();
        var (reads, writes) = (_h.Store.Reads, _h.Store.Writes);

        var outcome = await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Transaction Approved")), default);

        Assert.Equal(NoticeOutcome.Accepted, outcome);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
        Assert.Single(_h.Store.Records("ORD1"), r => r.Kind == PaymentRecord.Notice);
        Assert.Equal((1, 1), (_h.Store.Reads - reads, _h.Store.Writes - writes));
    }

    [Fact]
    public async Task Notice_SentTwice_IsADuplicateNoOp()
    {
        await SentForThreeDSecureAsync();
        var notice = GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Transaction Approved"));
        await _h.Notices.HandleAsync(notice, default);
        var updated = _h.Store.Get("ORD1")!.UpdatedAt;
        _h.Clock.Advance(TimeSpan.FromMinutes(1));

        var outcome = await _h.Notices.HandleAsync(notice, default);

        Assert.Equal(NoticeOutcome.Duplicate, outcome);
        Assert.Single(_h.Store.Records("ORD1"), r => r.Kind == PaymentRecord.Notice);
        Assert.Equal(updated, _h.Store.Get("ORD1")!.UpdatedAt);
    }

    [Fact]
    public async Task Notice_StalePendingAfterSuccess_DoesNotUndoIt()
    {
        await SentForThreeDSecureAsync();
        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Transaction Approved")), default);

        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "-1", "80093:3D not completed")), default);
        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "0", "80091:failed 3DS")), default);

        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
    }

    [Theory]
    [InlineData("wrong-secret", "99514901")]
    [InlineData("12345678", "99514999")] // unknown terminal, even with the right secret
    public async Task Notice_Unverified_ChangesNothingButSchedulesAQuery(string secret, string terminal)
    {
        await SentForThreeDSecureAsync();
        var before = _h.Store.Get("ORD1");
        var fields = GatewayMessages.Result("ORD1", "0", "80022:Not Sufficient Funds", terminal: terminal);
        var scheduled = _h.Scheduler.Scheduled.Count;

        var outcome = await _h.Notices.HandleAsync(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields, secret)), default);

        Assert.Equal(NoticeOutcome.Rejected, outcome);
        Assert.Equal(before, _h.Store.Get("ORD1"));
        Assert.Contains(_h.Store.Records("ORD1"), r => r.Kind == PaymentRecord.Event && r.Values["type"] == "security");
        Assert.Equal(scheduled + 1, _h.Scheduler.Scheduled.Count);
    }

    [Fact]
    public async Task Notice_SignedWithEmptySecret_IsRejected()
    {
        await SentForThreeDSecureAsync();
        var fields = GatewayMessages.Result("ORD1", "1", "80000:Approved");

        var outcome = await _h.Notices.HandleAsync(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields, string.Empty)), default);

        Assert.Equal(NoticeOutcome.Rejected, outcome);
        Assert.Equal(PaymentStatus.RequiresAction, _h.Store.Get("ORD1")!.Status);
    }

    [Theory]
    [InlineData("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><response><order_number>&x;</order_number></response>")]
    [InlineData("garbage")]
    public async Task Notice_Unreadable_IsRejected(string body)
        => Assert.Equal(NoticeOutcome.Rejected, await _h.Notices.HandleAsync(System.Text.Encoding.UTF8.GetBytes(body), default));

    [Fact]
    public async Task Notice_AmountMismatch_SendsToReview()
    {
        await SentForThreeDSecureAsync();

        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Approved", amount: "1.00")), default);

        var payment = _h.Store.Get("ORD1")!;
        Assert.Equal(PaymentStatus.Review, payment.Status);
        Assert.Contains("amount", payment.ReviewReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_ForUnknownOrder_IsKeptAsideAndAcknowledged()
    {
        var outcome = await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("NOPE1", "1", "80000:Approved")), default);

        Assert.Equal(NoticeOutcome.Accepted, outcome);
        Assert.Null(_h.Store.Get("NOPE1"));
        Assert.Contains(_h.Store.Records("NOPE1"), r => r.Kind == PaymentRecord.Notice);
    }

    [Fact]
    public async Task Notice_ConcurrentWriter_IsReadAgainAndReapplied()
    {
        var stored = await SentForThreeDSecureAsync();
        // Between our read and our write, a browser return makes the payment fail.
        _h.Store.BeforeNextSave = () =>
        {
            var other = new Payment(stored.Data);
            other.Apply(GatewayFacts.From(Oceanpayment.Results.PaymentResult.From(
                Oceanpayment.Messages.GatewayMessage.FromFields(GatewayMessages.Result("ORD1", "0", "80091:3DS failed")), Oceanpayment.Results.ResultSource.BrowserReturn)), _h.Clock.GetUtcNow());
            _h.Store.SaveAsync(other.Data, stored.Version, [], default).GetAwaiter().GetResult();
        };

        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Approved")), default);

        // The success was applied on top of the failure (money was taken), not lost.
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
    }

    [Fact]
    public async Task Return_Verified_AppliesAndRedirectsToTheMerchantPage()
    {
        await SentForThreeDSecureAsync();

        var outcome = await _h.Returns.HandleAsync(GatewayMessages.Form(GatewayMessages.Result("ORD1", "1", "80000:Approved")), default);

        Assert.True(outcome.IsVerified);
        Assert.Equal("https://shop.example.com/orders/1?paymentId=pay_ORD1&status=succeeded", outcome.RedirectUrl);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
    }

    [Fact]
    public async Task Return_Tampered_ChangesNothingAndSaysProcessing()
    {
        await SentForThreeDSecureAsync();
        var fields = GatewayMessages.Result("ORD1", "1", "80000:Approved");
        var signature = GatewayMessages.Sign(fields);
        fields["order_amount"] = "1.00";

        var outcome = await _h.Returns.HandleAsync(GatewayMessages.Form(fields, signature), default);

        Assert.False(outcome.IsVerified);
        Assert.Equal("https://shop.example.com/orders/1?paymentId=pay_ORD1&status=processing", outcome.RedirectUrl);
        Assert.Equal(PaymentStatus.RequiresAction, _h.Store.Get("ORD1")!.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("order_number=ZZZ&signValue=00")]
    public async Task Return_UnknownOrGarbage_HasNoPaymentToShow(string body)
    {
        var outcome = await _h.Returns.HandleAsync(body, default);

        Assert.False(outcome.IsVerified);
        Assert.Null(outcome.RedirectUrl);
    }

    [Fact]
    public async Task NoticeBeforeAndAfterReturn_EndInOneState()
    {
        await SentForThreeDSecureAsync();
        var fields = GatewayMessages.Result("ORD1", "1", "80000:Approved");

        await _h.Notices.HandleAsync(GatewayMessages.Xml(fields), default);
        var outcome = await _h.Returns.HandleAsync(GatewayMessages.Form(fields), default);
        await _h.Notices.HandleAsync(GatewayMessages.Xml(fields), default);

        Assert.Equal("https://shop.example.com/orders/1?paymentId=pay_ORD1&status=succeeded", outcome.RedirectUrl);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
    }
}
