using Payments.Core.Application;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class AuthorisationHandlerTests : IDisposable
{
    private const string Order = "ORD1";
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task AuthorisedAsync(PaymentStatus status = PaymentStatus.Authorised)
    {
        var stored = await _h.CreatedAsync();
        _h.Store.Seed(stored.Data with { Status = status, CaptureMode = CaptureMode.PreAuthorise, GatewayPaymentId = GatewayMessages.PaymentId });
    }

    /// <summary>The F3-signed <c>service/auth</c> answer: the payment's fields, authType 1.</summary>
    private static GatewayCall Answer(string status, string details, string? signature = null)
    {
        var fields = GatewayMessages.Result(Order, status, details);
        fields["payment_authType"] = "1";
        return GatewayCall.Answer(GatewayMessages.Xml(fields, signature, root: "respon"));
    }

    private static string Field(GatewayForm form, string name) => form.Fields.SingleOrDefault(f => f.Key == name).Value ?? "(absent)";

    [Fact]
    public async Task APartialCapture_Succeeds_AndRefundsCountAgainstTheCapturedAmount()
    {
        await AuthorisedAsync();
        _h.Gateway.OnAuth = m => m["payment_authType"] == "1" && m["order_amount"] == "60.00" ? Answer("1", "80000:Transaction Approved") : GatewayCall.Failed("unexpected");

        var result = await _h.Authorisations.CaptureAsync(Order, 6000, default);

        Assert.Equal(AuthorisationStatus.Done, result.Status);
        var payment = _h.Store.Get(Order)!;
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(6000, payment.CapturedMinor);
        Assert.False(payment.OutcomeUnknown);
        Assert.Equal(GatewayMessages.PaymentId, Field(Assert.Single(_h.Gateway.Auths), "payment_id"));
        Assert.Equal(RefundResultStatus.ExceedsRefundable, (await _h.Refunds.CreateAsync(Order, 6001, "x", null, default)).Status);
    }

    [Fact]
    public async Task AWriteBetweenTheReadAndTheMark_IsReadAgain_NotAnsweredAsInProgress()
    {
        await AuthorisedAsync();
        _h.Gateway.OnAuth = _ => Answer("1", "80000:Transaction Approved");
        // The authorisation's own notice lands just before the capture is marked.
        _h.Store.BeforeNextSave = () => _h.Store.WriteConcurrently(_h.Store.Get(Order)!);

        var result = await _h.Authorisations.CaptureAsync(Order, null, default);

        Assert.Equal(AuthorisationStatus.Done, result.Status);
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get(Order)!.Status);
        Assert.Single(_h.Gateway.Auths);
    }

    [Fact]
    public async Task ACancel_VoidsThePreAuthorisation_AndCanceledIsFinal()
    {
        await AuthorisedAsync();
        _h.Gateway.OnAuth = m => m["payment_authType"] == "2" ? Answer("0", "80050:Authorisation voided") : GatewayCall.Failed("unexpected");

        var result = await _h.Authorisations.CancelAsync(Order, default);

        Assert.Equal(AuthorisationStatus.Done, result.Status);
        Assert.Equal(PaymentStatus.Canceled, _h.Store.Get(Order)!.Status);
        Assert.Equal("(absent)", Field(Assert.Single(_h.Gateway.Auths), "order_amount"));
        Assert.Equal(AuthorisationStatus.NotAuthorised, (await _h.Authorisations.CaptureAsync(Order, null, default)).Status);
        Assert.Equal(RefundResultStatus.NotRefundable, (await _h.Refunds.CreateAsync(Order, 1, "x", null, default)).Status);
        // A stale pending or failed result never reopens it.
        Assert.Equal(NoticeOutcome.Accepted, await _h.Notices.HandleAsync(GatewayMessages.Xml(GatewayMessages.Result(Order, "0", "80022:Not Sufficient Funds")), default));
        Assert.Equal(PaymentStatus.Canceled, _h.Store.Get(Order)!.Status);
    }

    [Fact]
    public async Task ARefusal_LeavesTheAuthorisationAsItWas()
    {
        await AuthorisedAsync();
        _h.Gateway.OnAuth = _ => Answer("0", "20025:Payment is not awaiting capture");
        var before = _h.Store.Get(Order)!;

        var result = await _h.Authorisations.CaptureAsync(Order, 5000, default);

        Assert.Equal(AuthorisationStatus.Refused, result.Status);
        Assert.Equal("20025", result.GatewayCode);
        var after = _h.Store.Get(Order)!;
        Assert.Equal(PaymentStatus.Authorised, after.Status);
        Assert.False(after.OutcomeUnknown);
        Assert.Null(after.CapturedMinor);
        Assert.Equal(before.FailureCode, after.FailureCode);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("forged")]
    public async Task AnAmbiguousAnswer_LeavesThePaymentAsItWas_AndTheBookedStatusQueryDecides(string kind)
    {
        await AuthorisedAsync();
        _h.Gateway.OnAuth = _ => kind == "timeout" ? GatewayCall.Failed("timed out") : Answer("1", "80000:Transaction Approved", signature: new string('A', 64));

        var result = await _h.Authorisations.CaptureAsync(Order, null, default);

        Assert.Equal(AuthorisationStatus.OutcomeUnknown, result.Status);
        Assert.Equal(PaymentStatus.Authorised, _h.Store.Get(Order)!.Status);
        Assert.Equal(AuthorisationStatus.InProgress, (await _h.Authorisations.CaptureAsync(Order, null, default)).Status);
        Assert.Single(_h.Gateway.Auths);

        var check = _h.Scheduler.Scheduled.Last().Request;
        _h.Gateway.OnQuery = _ => GatewayMessages.QueryAnswer(Order, "1");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ReconcileOutcome.Settled, await _h.Reconcile.HandleAsync(check, default));
        Assert.Equal(PaymentStatus.Succeeded, _h.Store.Get(Order)!.Status);
    }

    [Fact]
    public async Task AQueryThatStillSeesTheAuthorisation_SettlesTheQuestion_AndAllowsAnotherTry()
    {
        await AuthorisedAsync();
        _h.Gateway.OnAuth = _ => GatewayCall.Failed("timed out");
        await _h.Authorisations.CancelAsync(Order, default);
        _h.Gateway.OnQuery = _ => GatewayMessages.QueryAnswer(Order, "-1");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));

        await _h.Reconcile.HandleAsync(_h.Scheduler.Scheduled.Last().Request, default);

        var payment = _h.Store.Get(Order)!;
        Assert.Equal(PaymentStatus.Authorised, payment.Status);
        Assert.False(payment.OutcomeUnknown);
        _h.Gateway.OnAuth = _ => Answer("0", "80050:Authorisation voided");
        Assert.Equal(AuthorisationStatus.Done, (await _h.Authorisations.CancelAsync(Order, default)).Status);
    }

    [Theory]
    [InlineData(PaymentStatus.Succeeded, 100L, AuthorisationStatus.NotAuthorised)]
    [InlineData(PaymentStatus.Pending, 100L, AuthorisationStatus.NotAuthorised)]
    [InlineData(PaymentStatus.Authorised, 10001L, AuthorisationStatus.InvalidAmount)]
    public async Task WhatCannotBeCaptured_IsRefusedWithoutAskingTheGateway(PaymentStatus status, long amount, AuthorisationStatus expected)
    {
        await AuthorisedAsync(status);

        Assert.Equal(expected, (await _h.Authorisations.CaptureAsync(Order, amount, default)).Status);
        Assert.Empty(_h.Gateway.Auths);
    }
}
