using System.Text;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class PaymentFlowTests : IDisposable
{
    private const string CardNumber = "4111111111111111";
    private const string Cvc = "737";
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private static CardInstrument Card() => new(CardNumber, "12", "2030", Cvc);

    [Fact]
    public async Task Create_Valid_StoresCreatedPaymentAndReturnsSecret()
    {
        var result = await _h.Create.HandleAsync(Harness.Command(), null, default);

        Assert.Equal(CreatePaymentStatus.Created, result.Status);
        Assert.Equal("pay_ORD1", result.Payment!.PaymentId);
        Assert.Equal("created", result.Payment.Status);
        Assert.StartsWith("pay_ORD1_secret_", result.ClientSecret, StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.Created, _h.Store.Get("ORD1")!.Status);
    }

    [Fact]
    public async Task Create_GeneratedOrderNumber_IsValidAndUnique()
    {
        var a = await _h.Create.HandleAsync(Harness.Command(orderNumber: null), null, default);
        var b = await _h.Create.HandleAsync(Harness.Command(orderNumber: null), null, default);

        Assert.True(RequestValidator.IsOrderNumber(a.Payment!.OrderNumber));
        Assert.NotEqual(a.Payment.OrderNumber, b.Payment!.OrderNumber);
    }

    [Theory]
    [InlineData("https://evil.example.net/steal")]
    [InlineData("https://shop.example.com.evil.net/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user@shop.example.com/")]
    public async Task Create_ReturnUrlOffTheAllowList_IsInvalidAndStoresNothing(string returnUrl)
    {
        var result = await _h.Create.HandleAsync(Harness.Command() with { ReturnUrl = returnUrl }, null, default);

        Assert.Equal(CreatePaymentStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e.Field == "returnUrl");
        Assert.Null(_h.Store.Get("ORD1"));
    }

    [Fact]
    public async Task Create_WithMetadata_StoresItAndShowsItInTheView()
    {
        var metadata = new Dictionary<string, string> { ["orderRef"] = "SO-42" };

        var result = await _h.Create.HandleAsync(Harness.Command() with { Metadata = metadata }, null, default);

        Assert.Equal(metadata, _h.Store.Get("ORD1")!.Metadata);
        Assert.Equal(metadata, result.Payment!.Metadata);
    }

    [Fact]
    public async Task Create_WithoutMetadata_ViewHasNone()
    {
        var result = await _h.Create.HandleAsync(Harness.Command(), null, default);

        Assert.Null(result.Payment!.Metadata);
    }

    [Fact]
    public async Task Create_CardLookingMetadata_IsInvalidAndStoresNothing()
    {
        var command = Harness.Command() with { Metadata = new Dictionary<string, string> { ["note"] = "4111-1111-1111-1111" } };

        var result = await _h.Create.HandleAsync(command, "key-m", default);

        Assert.Equal(CreatePaymentStatus.Invalid, result.Status);
        Assert.Equal("metadata.note", Assert.Single(result.Errors!).Field);
        Assert.Null(_h.Store.Get("ORD1"));
        Assert.Equal(CreatePaymentStatus.Created, (await _h.Create.HandleAsync(Harness.Command(), "key-m", default)).Status);
    }

    [Fact]
    public async Task Create_BadBilling_NamesTheApiField()
    {
        var command = Harness.Command() with { Billing = Harness.Command().Billing with { Email = "nope", Country = "usa" } };

        var result = await _h.Create.HandleAsync(command, null, default);

        Assert.Equal(CreatePaymentStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e.Field == "billing.email");
        Assert.Contains(result.Errors!, e => e.Field == "billing.country");
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyAndBody_ReplaysTheSamePayment()
    {
        var first = await _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-1", default);
        var second = await _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-1", default);

        Assert.Equal(CreatePaymentStatus.Replayed, second.Status);
        Assert.Equal(first.Payment!.PaymentId, second.Payment!.PaymentId);
        Assert.Equal(first.ClientSecret, second.ClientSecret);
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyOtherBody_IsRefused()
    {
        await _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-1", default);

        var second = await _h.Create.HandleAsync(Harness.Command(orderNumber: null, amount: 20000, hash: "h2"), "key-1", default);

        Assert.Equal(CreatePaymentStatus.IdempotencyKeyReused, second.Status);
    }

    [Fact]
    public async Task Create_ConcurrentDuplicates_MakeOnePayment()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-c", default))));

        Assert.Single(results, r => r.Status == CreatePaymentStatus.Created);
        Assert.Single(results.Where(r => r.Payment is not null).Select(r => r.Payment!.PaymentId).Distinct());
    }

    [Fact]
    public async Task Create_ClaimOfARequestThatDied_IsReleasedAfterAWhile()
    {
        // A request claimed the key and died before writing its payment.
        var keyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("key-d")));
        await _h.Idempotency.TryClaimAsync(new IdempotencyEntry(keyHash, "h1", "ORDX", _h.Clock.GetUtcNow()), default);

        var soon = await _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-d", default);
        _h.Clock.Advance(TimeSpan.FromMinutes(5));
        var released = await _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-d", default);
        var retried = await _h.Create.HandleAsync(Harness.Command(orderNumber: null), "key-d", default);

        Assert.Equal(CreatePaymentStatus.InProgress, soon.Status);
        Assert.Equal(CreatePaymentStatus.InProgress, released.Status);
        Assert.Equal(CreatePaymentStatus.Created, retried.Status);
    }

    [Fact]
    public async Task Create_OrderNumberTaken_IsRefused()
    {
        await _h.CreatedAsync();

        var again = await _h.Create.HandleAsync(Harness.Command(hash: "other"), null, default);

        Assert.Equal(CreatePaymentStatus.OrderNumberTaken, again.Status);
    }

    [Fact]
    public async Task Confirm_ApprovedCard_SucceedsWithOneGatewayCall()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "1", "80000:Transaction Approved"), root: "respon"));

        var result = await _h.Confirm.HandleAsync(stored, Card(), default);

        Assert.Equal(PaymentStatus.Succeeded, result.Payment.Status);
        Assert.Equal("411111****1111", result.Payment.MaskedCard);
        Assert.Single(_h.Gateway.Payments);
        var sent = GatewayForm(0);
        Assert.Equal(CardNumber, sent["card_number"]);
        Assert.Equal("100.00", sent["order_amount"]);
        Assert.Equal("https://pay.example.com/api/oceanpayment/notice", sent["noticeUrl"]);
    }

    [Fact]
    public async Task Confirm_Twice_CallsTheGatewayOnce()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "1", "80000:Transaction Approved")));
        await _h.Confirm.HandleAsync(stored, Card(), default);

        var again = await _h.Confirm.HandleAsync((await _h.Store.FindAsync("ORD1", default))!, Card(), default);
        var stale = await _h.Confirm.HandleAsync(stored, Card(), default); // an old read racing the first confirm

        Assert.Equal(ConfirmStatus.AlreadyConfirmed, again.Status);
        Assert.Equal(ConfirmStatus.AlreadyConfirmed, stale.Status);
        Assert.Single(_h.Gateway.Payments);
    }

    [Fact]
    public async Task Confirm_Declined_KeepsCodeAndShopperMessage()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "0", "80022:Not Sufficient Funds")));

        var result = await _h.Confirm.HandleAsync(stored, Card(), default);

        Assert.Equal(PaymentStatus.Failed, result.Payment.Status);
        var view = PaymentView.From(result.Payment, "x");
        Assert.Equal("80022", view.Failure!.Code);
        Assert.Contains("insufficient funds", view.Failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DeclineCodes.InsufficientFunds, view.Failure.DeclineCode);
    }

    [Fact]
    public async Task Confirm_ThreeDSecure_RequiresRedirect()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "-1", string.Empty, payUrl: "https://gw.example/3ds?id=1")));

        var result = await _h.Confirm.HandleAsync(stored, Card(), default);

        Assert.Equal(PaymentStatus.RequiresAction, result.Payment.Status);
        Assert.Equal("https://gw.example/3ds?id=1", PaymentView.From(result.Payment, "x").NextAction!.RedirectUrl);
    }

    [Fact]
    public async Task Confirm_WeChatQr_IsPendingWithQrAction()
    {
        var stored = await _h.CreatedAsync(PaymentMethod.WeChatPayWeb);
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "-1", "80700:Transaction was not finished", terminal: "99514903", barCode: "weixin://wxpay/bizpayurl?pr=abc")));

        var result = await _h.Confirm.HandleAsync(stored, null, default);

        Assert.Equal(PaymentStatus.Pending, result.Payment.Status);
        var action = PaymentView.From(result.Payment, "https://pay.example.com/qr.png").NextAction!;
        Assert.Equal(("qr_code", "weixin://wxpay/bizpayurl?pr=abc", "https://pay.example.com/qr.png"), (action.Type, action.QrContent, action.QrImageUrl));
        Assert.Contains(_h.Scheduler.Scheduled, s => s.Request.OrderNumber == "ORD1");
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("unreadable")]
    [InlineData("badsignature")]
    public async Task Confirm_AmbiguousAnswer_LeavesProcessingForReconciliation(string failure)
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => failure switch
        {
            "timeout" => GatewayCall.Failed("timed out"),
            "unreadable" => GatewayCall.Answer(Encoding.UTF8.GetBytes("<response><oops>")),
            _ => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "1", "80000:Approved"), signature: new string('A', 64))),
        };

        var result = await _h.Confirm.HandleAsync(stored, Card(), default);

        Assert.Equal(PaymentStatus.Processing, result.Payment.Status);
        Assert.True(result.Payment.OutcomeUnknown);
        Assert.Single(_h.Gateway.Payments);
        Assert.Contains(_h.Scheduler.Scheduled, s => s.Request.OrderNumber == "ORD1");
    }

    [Fact]
    public async Task Confirm_InvalidCard_ChangesNothingAndCallsNothing()
    {
        var stored = await _h.CreatedAsync();

        var result = await _h.Confirm.HandleAsync(stored, new CardInstrument("4111111111111112", "13", "2030", "1"), default);

        Assert.Equal(ConfirmStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e.Field == "card.number");
        Assert.Empty(_h.Gateway.Payments);
        Assert.Equal(PaymentStatus.Created, _h.Store.Get("ORD1")!.Status);
    }

    [Fact]
    public async Task Confirm_CardData_NeverReachesStoredStateOrRecords()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form => GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result(form["order_number"], "1", "80000:Approved")));
        await _h.Confirm.HandleAsync(stored, Card(), default);

        var everything = System.Text.Json.JsonSerializer.Serialize(new { payment = _h.Store.Get("ORD1"), records = _h.Store.Records("ORD1"), scheduled = _h.Scheduler.Scheduled });

        Assert.DoesNotContain(CardNumber, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("\"" + Cvc + "\"", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayMessages.SecureCode, everything, StringComparison.Ordinal);
    }

    private Dictionary<string, string> GatewayForm(int index)
        => Oceanpayment.Messages.GatewayForm.Parse(_h.Gateway.Payments[index].Encode()).Value!.Fields.ToDictionary(f => f.Key, f => f.Value);
}
