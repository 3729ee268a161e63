using Payments.Core.Application;
using Payments.Core.Events;
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

    // The events a change tells, as the Core's write path stamps them: the in-memory store only keeps
    // what it is handed, like the table store, so these are the events the app commits.
    [Fact]
    public async Task SuccessNotice_TellsOnePaymentSucceeded_WithTheNextSequence()
    {
        await SentForThreeDSecureAsync();
        var before = _h.Store.Get("ORD1")!.ChangeSequence;
        var told = _h.Store.Events("ORD1").Count;

        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Transaction Approved")), default);

        var added = _h.Store.Events("ORD1").Skip(told).ToList();
        var succeeded = Assert.Single(added);
        Assert.Equal(MerchantEventTypes.PaymentSucceeded, succeeded.Type);
        Assert.Equal(before + 1, succeeded.Sequence);
        Assert.Equal(EventIds.Format("ORD1", before + 1), succeeded.Id);
        Assert.Equal(succeeded.Sequence, _h.Store.Get("ORD1")!.ChangeSequence);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.AnnouncedStatus);
    }

    [Fact]
    public async Task IgnoredOrRepeatedChange_TellsNothing()
    {
        await SentForThreeDSecureAsync();
        var success = GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Transaction Approved"));
        await _h.Notices.HandleAsync(success, default);
        var told = _h.Store.Events("ORD1").Count;
        var sequence = _h.Store.Get("ORD1")!.ChangeSequence;

        // A repeat, then a late failure the transition table ignores: records, never events.
        await _h.Notices.HandleAsync(success, default);
        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "0", "80091:failed 3DS")), default);

        Assert.Equal(told, _h.Store.Events("ORD1").Count);
        Assert.Equal(sequence, _h.Store.Get("ORD1")!.ChangeSequence);
    }

    [Fact]
    public async Task CreateThenThreeDSecure_TellsRequiresActionOnce_AfterTheUntoldCreation()
    {
        await SentForThreeDSecureAsync();

        // Created (1) and processing (2) are counted but not told; requires_action (3) is.
        var told = Assert.Single(_h.Store.Events("ORD1"));
        Assert.Equal(MerchantEventTypes.PaymentRequiresAction, told.Type);
        Assert.Equal(3, told.Sequence);
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
    public async Task Notice_Unverified_ChangesNothingAndIsCountedWhileTheBookedCheckStands(string secret, string terminal)
    {
        await SentForThreeDSecureAsync();
        var before = _h.Store.Get("ORD1");
        var fields = GatewayMessages.Result("ORD1", "0", "80022:Not Sufficient Funds", terminal: terminal);
        var scheduled = _h.Scheduler.Scheduled.Count;

        var outcome = await _h.Notices.HandleAsync(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields, secret)), default);

        Assert.Equal(NoticeOutcome.Rejected, outcome);
        Assert.Equal(before, _h.Store.Get("ORD1"));
        var security = Assert.Single(_h.Store.Records("ORD1"), r => r.Kind == PaymentRecord.Event && r.Values["type"] == "security");
        Assert.Contains(security.Values, v => v.Key.StartsWith("notice-", StringComparison.Ordinal) && v.Value == "1");
        // The confirm booked the first check 30 s ahead: this request is coalesced into it.
        Assert.Equal(scheduled, _h.Scheduler.Scheduled.Count);
    }

    [Fact]
    public async Task Notice_UnverifiedAfterTheBookedCheckIsDue_BooksExactlyOneCheck()
    {
        await SentForThreeDSecureAsync();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var scheduled = _h.Scheduler.Scheduled.Count;
        var fields = GatewayMessages.Result("ORD1", "1", "80000:Approved");

        for (var i = 0; i < 300; i++)
        {
            await _h.Notices.HandleAsync(GatewayMessages.Xml(fields, GatewayMessages.Sign(fields, "guess-" + i)), default);
        }

        var check = Assert.Single(_h.Scheduler.Scheduled.Skip(scheduled));
        Assert.Equal(_h.Store.Get("ORD1")!.NextCheckAt, check.Request.DueAt);
        var security = Assert.Single(_h.Store.Records("ORD1"), r => r.Values.GetValueOrDefault("type") == "security");
        Assert.Equal("300", security.Values["notice-InvalidSignature"]);
        Assert.Equal(PaymentStatus.RequiresAction, _h.Store.Get("ORD1")!.Status);
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
            _h.Store.WriteConcurrently(other.Data);
        };

        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Approved")), default);

        // The success was applied on top of the failure (money was taken), not lost.
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
    }

    [Fact]
    public async Task Return_ClaimingSuccess_SettlesOnlyWhenTheStatusQueryAgrees()
    {
        await SentForThreeDSecureAsync();
        _h.Gateway.OnQuery = form => GatewayMessages.QueryAnswer(form["order_number"], "1");
        var (reads, writes) = (_h.Store.Reads, _h.Store.Writes);

        var outcome = await _h.Returns.HandleAsync(GatewayMessages.Form(GatewayMessages.Result("ORD1", "1", "80000:Approved")), default);

        // One read, then the query's result in one batch: a genuine return costs no security bookkeeping.
        Assert.Equal((1, 1), (_h.Store.Reads - reads, _h.Store.Writes - writes));
        Assert.True(outcome.IsVerified);
        Assert.Equal("https://shop.example.com/orders/1?paymentId=pay_ORD1&status=succeeded", outcome.RedirectUrl);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
        Assert.Single(_h.Gateway.Queries);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    public async Task Return_ClaimingSuccessTheQueryDoesNotConfirm_ShowsConfirmingAndChangesNothing(string queryResults)
    {
        await SentForThreeDSecureAsync();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        _h.Gateway.OnQuery = form => GatewayMessages.QueryAnswer(form["order_number"], queryResults);
        var form = GatewayMessages.Form(GatewayMessages.Result("ORD1", "1", "80000:Approved"));
        var scheduled = _h.Scheduler.Scheduled.Count;

        var outcome = await _h.Returns.HandleAsync(form, default);
        for (var i = 0; i < 20; i++)
        {
            await _h.Returns.HandleAsync(form, default);
        }

        Assert.False(outcome.IsVerified);
        Assert.EndsWith("status=processing", outcome.RedirectUrl, StringComparison.Ordinal);
        Assert.NotEqual(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
        Assert.Single(_h.Gateway.Queries); // replays do not query again
        Assert.True(_h.Scheduler.Scheduled.Count - scheduled <= 1);
        Assert.DoesNotContain(_h.Store.Records("ORD1"), r => r.Values.GetValueOrDefault("type") == "browser-return");
    }

    [Fact]
    public async Task Return_ClaimingSuccessAfterTheNotice_ShowsSuccessWithoutAQuery()
    {
        await SentForThreeDSecureAsync();
        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Approved")), default);

        var outcome = await _h.Returns.HandleAsync(GatewayMessages.Form(GatewayMessages.Result("ORD1", "1", "80000:Approved")), default);

        Assert.True(outcome.IsVerified);
        Assert.EndsWith("status=succeeded", outcome.RedirectUrl, StringComparison.Ordinal);
        Assert.Empty(_h.Gateway.Queries);
    }

    [Fact]
    public async Task Return_VerifiedFailure_IsAppliedOnceHoweverOftenReplayed()
    {
        await SentForThreeDSecureAsync();
        var form = GatewayMessages.Form(GatewayMessages.Result("ORD1", "0", "80091:Cardholder failed 3D Secure authentication"));

        var outcome = await _h.Returns.HandleAsync(form, default);
        var records = _h.Store.Records("ORD1").Count;
        for (var i = 0; i < 10; i++)
        {
            await _h.Returns.HandleAsync(form, default);
        }

        Assert.True(outcome.IsVerified);
        Assert.EndsWith("status=failed", outcome.RedirectUrl, StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.Failed, _h.Store.Get("ORD1")!.Status);
        Assert.Equal(records, _h.Store.Records("ORD1").Count);
    }

    [Fact]
    public async Task ResplitThreeDSecureFailure_ThroughReturnAndNotice_LeavesThePaymentFailed()
    {
        await SentForThreeDSecureAsync();
        var genuine = GatewayMessages.Result("ORD1", "0", "80091:Cardholder failed 3D Secure authentication");
        genuine["payment_authType"] = "2";
        var signature = GatewayMessages.Sign(genuine);
        await _h.Returns.HandleAsync(GatewayMessages.Form(genuine, signature), default);
        Assert.Equal(PaymentStatus.Failed, _h.Store.Get("ORD1")!.Status);
        var resplit = new Dictionary<string, string>(genuine)
        {
            ["payment_id"] = string.Empty,
            ["payment_authType"] = "23",
            ["payment_status"] = "1",
            ["payment_details"] = "115103045123010521" + "2" + "0" + genuine["payment_details"],
        };

        var returned = await _h.Returns.HandleAsync(GatewayMessages.Form(resplit, signature), default);
        var noticed = await _h.Notices.HandleAsync(GatewayMessages.Xml(resplit, signature), default);

        Assert.Equal(GatewayMessages.Sign(genuine), GatewayMessages.Sign(resplit)); // the same signed string
        Assert.False(returned.IsVerified);
        Assert.Equal(NoticeOutcome.Rejected, noticed);
        Assert.Equal(PaymentStatus.Failed, _h.Store.Get("ORD1")!.Status);
        var security = Assert.Single(_h.Store.Records("ORD1"), r => r.Values.GetValueOrDefault("type") == "security");
        Assert.Equal("1", security.Values["return-OffShape:payment_authType"]);
        Assert.Equal("1", security.Values["notice-OffShape:payment_authType"]);
    }

    [Fact]
    public async Task Notice_SuccessNamingAnotherAttemptOfAFailedPayment_IsSettledByTheQuery()
    {
        await SentForThreeDSecureAsync();
        await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "0", "80022:Not Sufficient Funds")), default);
        var other = GatewayMessages.Result("ORD1", "1", "80000:Approved");
        other["payment_id"] = "231115103045123010599";
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var scheduled = _h.Scheduler.Scheduled.Count;

        await _h.Notices.HandleAsync(GatewayMessages.Xml(other), default);

        Assert.Equal(PaymentStatus.Failed, _h.Store.Get("ORD1")!.Status); // not on its own word
        var check = Assert.Single(_h.Scheduler.Scheduled.Skip(scheduled));
        Assert.Contains(_h.Store.OpenIndex(), e => e.OrderNumber == "ORD1");

        // The gateway's record has the second attempt succeeded: the query applies it.
        _h.Gateway.OnQuery = form => GatewayMessages.QueryAnswer(form["order_number"], "1", paymentId: "231115103045123010599");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.Reconcile.HandleAsync(check.Request, default);

        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get("ORD1")!.Status);
        Assert.Equal("231115103045123010599", _h.Store.Get("ORD1")!.GatewayPaymentId);
    }

    [Fact]
    public async Task Notice_PendingWhileTheShopperIsOnTheChallenge_KeepsRequiresActionAndItsRedirect()
    {
        await SentForThreeDSecureAsync();

        var outcome = await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "-1", string.Empty)), default);

        Assert.Equal(NoticeOutcome.Accepted, outcome);
        var payment = _h.Store.Get("ORD1")!;
        Assert.Equal(PaymentStatus.RequiresAction, payment.Status);
        Assert.Equal("https://gw.example/3ds", payment.NextAction?.RedirectUrl);
    }

    [Fact]
    public async Task Return_PendingAfterTheChallenge_ShopperLeftIt_MovesRequiresActionToPending()
    {
        await SentForThreeDSecureAsync();

        var outcome = await _h.Returns.HandleAsync(GatewayMessages.Form(GatewayMessages.Result("ORD1", "-1", string.Empty)), default);

        Assert.True(outcome.IsVerified);
        Assert.Equal("https://shop.example.com/orders/1?paymentId=pay_ORD1&status=pending", outcome.RedirectUrl);
        Assert.Equal(PaymentStatus.Pending, _h.Store.Get("ORD1")!.Status);
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
