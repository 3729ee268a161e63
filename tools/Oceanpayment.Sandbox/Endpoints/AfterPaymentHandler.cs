using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.Notices;
using Oceanpayment.Sandbox.Protocol;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Endpoints;

/// <summary>Money after the payment: capture and void, refunds and their settlement, business notices.</summary>
internal sealed partial class AfterPaymentHandler(
    SandboxStore store,
    NoticeQueue notices,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<AfterPaymentHandler> logger)
{
    /// <summary>Business notice types the control endpoint sends (§7), beside <c>refund</c> and <c>partialRefund</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> DisputeTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["chargeBack"] = "Chargeback raised by the issuer",
        ["re-presentment"] = "Chargeback re-presented to the issuer",
        ["retrieval"] = "Retrieval request received from the issuer",
        ["reversal-retrieval"] = "Retrieval request reversed by the issuer",
        ["fraud"] = "Fraud report received from the issuer",
        ["ARN"] = "Acquirer reference number issued for the refund",
        ["highRisk"] = "Payment flagged as high risk",
    };

    /// <summary><c>POST /gateway/service/auth</c>: capture (<c>payment_authType=1</c>, F11) or void (<c>2</c>, F12).</summary>
    public byte[] Authorise(IFormCollection form)
    {
        string Field(string name) => form[name].ToString();

        var account = Field("account");
        var terminalNumber = Field("terminal");
        var paymentId = Field("payment_id");
        var authType = Field("payment_authType");
        var requestedAmount = PayRequestValidator.TryFormatAmount(Field("order_amount"));
        var echo = new PaymentResult
        {
            Account = account,
            Terminal = terminalNumber,
            Methods = "",
            OrderNumber = "",
            OrderCurrency = "",
            OrderAmount = requestedAmount ?? "",
            PaymentId = PaymentIdFormat(paymentId) ? paymentId : "",
            AuthType = "1",
            Status = "0",
            Details = "",
            Time = time.GetUtcNow(),
        };

        var terminal = options.Value.Terminals.FirstOrDefault(t => t.Account == account && t.Terminal == terminalNumber);
        if (terminal is null)
        {
            var code = options.Value.Terminals.Any(t => t.Account == account) ? ResultCodes.InvalidTerminal : ResultCodes.InvalidAccount;
            return ResultXml.Write(echo with { Details = code }, ResultXml.PayRoot, "", responseType: null);
        }

        byte[] Refuse(PaymentResult result, string details)
        {
            // A refusal is final for this request: no redirect or QR of a still-pending payment goes with it.
            var refused = result with { Status = "0", Details = details, PayUrl = "", PayBarCode = "", Extra = [] };
            LogAuthRefused(terminal.Terminal, details);
            return ResultXml.Write(refused, ResultXml.PayRoot, ResultXml.SignF3(refused, terminal.SecureCode), responseType: null);
        }

        if (authType is not ("1" or "2"))
        {
            return Refuse(echo, ResultCodes.InvalidAuthType);
        }

        var capture = authType == "1";
        var order = capture ? FieldOrder.F11 : FieldOrder.F12;
        if (!SandboxSigner.Verify(FieldOrder.ValuesOf(order, name => form[name]), terminal.SecureCode, Field("signValue")))
        {
            return Refuse(echo, ResultCodes.IncorrectSign);
        }

        if (capture && Field("order_amount").Length > 0 && requestedAmount is null)
        {
            return Refuse(echo, ResultCodes.InvalidAmount);
        }

        var refusal = store.TryDecideAuthorisation(account, terminalNumber, paymentId, capture, capture ? requestedAmount : null, out var decided);
        if (refusal is not null)
        {
            return Refuse(decided ?? echo, refusal);
        }

        var answer = decided! with { Extra = capture ? [new("capture_amount", requestedAmount ?? decided.OrderAmount)] : [] };
        LogAuthDecided(paymentId, capture ? "captured" : "voided");
        if (capture)
        {
            notices.Enqueue(answer, PaymentHandler.NoticeModeFor(store.ScenarioFor(answer.OrderNumber)));
        }

        return ResultXml.Write(answer, ResultXml.PayRoot, ResultXml.SignF3(answer, terminal.SecureCode), responseType: null);
    }

    /// <summary><c>POST /service/applyRefund</c> (F9): accepts or refuses, and settles accepted refunds later.</summary>
    public PayAnswer ApplyRefund(IFormCollection form)
    {
        string Field(string name) => form[name].ToString();

        var account = Field("account");
        var terminalNumber = Field("terminal");
        var paymentId = Field("payment_id");
        var refundType = Field("refund_type");
        var description = Field("refund_description");
        var terminal = options.Value.Terminals.FirstOrDefault(t => t.Account == account && t.Terminal == terminalNumber);
        var amount = Amounts.TryParseTwoDecimals(Field("refund_amount"));

        var code = RefundResults.Accepted;
        SandboxRefund? refund = null;
        if (terminal is null)
        {
            code = RefundResults.InvalidTerminal;
        }
        else if (!SandboxSigner.Verify(FieldOrder.ValuesOf(FieldOrder.F9, name => form[name]), terminal.SecureCode, Field("signValue")))
        {
            code = RefundResults.IncorrectSign;
        }
        else if (refundType is not ("1" or "2") || amount is null || description.Length > 500)
        {
            code = RefundResults.InvalidField;
        }
        else
        {
            code = store.TryApplyRefund(account, terminalNumber, paymentId, refundType, amount.Value, description, out refund);
        }

        var body = ResultXml.Document(ResultXml.NoticeRoot, writer =>
        {
            writer.WriteElementString("account", account);
            writer.WriteElementString("terminal", terminalNumber);
            writer.WriteElementString("payment_id", paymentId);
            writer.WriteElementString("refund_id", refund?.RefundId ?? "");
            writer.WriteElementString("refund_results", code);
            writer.WriteElementString("refund_details", RefundResults.DetailsOf(code));
        });
        if (refund is null)
        {
            LogRefundRefused(terminalNumber, code);
            return new PayAnswer(PayAnswerKind.Xml, body);
        }

        LogRefundAccepted(refund.RefundId, refund.PaymentId);
        if (refund.Scenario != SandboxScenario.RefundReview)
        {
            _ = SettleRefundLaterAsync(refund.RefundId, success: refund.Scenario != SandboxScenario.RefundFails);
        }

        return new PayAnswer(refund.Scenario == SandboxScenario.RefundAnswerLost ? PayAnswerKind.HeldXml : PayAnswerKind.Xml, body);
    }

    /// <summary>Settles a pending refund and records its notice (unless <c>no-notice</c>); false when unknown or already settled.</summary>
    public bool SettleRefund(string refundId, bool success)
    {
        IReadOnlyList<NoticeRecord> records = [];
        var settled = store.TrySettleRefund(refundId, success, refund =>
        {
            var notice = new BusinessNotice
            {
                NoticeType = refund.RefundType == "1" ? "refund" : "partialRefund",
                Account = refund.Account,
                Terminal = refund.Terminal,
                OrderNumber = refund.OrderNumber,
                PaymentId = refund.PaymentId,
                PushId = store.NewPushId(),
                PushStatus = refund.Status,
                PushDetails = refund.Details,
                NoticeUrl = refund.NoticeUrl,
                Time = time.GetUtcNow(),
                Extra = [new("refund_id", refund.RefundId), new("refund_amount", refund.Amount)],
            };
            records = notices.RecordBusiness(notice, NoticeModeForRefund(refund.Scenario));
        });
        notices.Send(records);
        if (settled)
        {
            LogRefundSettled(refundId, success ? "succeeded" : "failed");
        }

        return settled;
    }

    /// <summary>Sends a dispute notice for a payment; returns its push_id.</summary>
    public string SendDispute(SandboxTransaction payment, string type, string status, string details, IReadOnlyList<KeyValuePair<string, string>> extra)
    {
        var notice = new BusinessNotice
        {
            NoticeType = type,
            Account = payment.Account,
            Terminal = payment.Terminal,
            OrderNumber = payment.OrderNumber,
            PaymentId = payment.PaymentId,
            PushId = store.NewPushId(),
            PushStatus = status,
            PushDetails = details,
            NoticeUrl = payment.NoticeUrl,
            Time = time.GetUtcNow(),
            Extra = extra,
        };
        notices.Send(notices.RecordBusiness(notice, NoticeMode.Normal));
        return notice.PushId;
    }

    /// <summary>An invented acquirer reference number: 23 digits, like the card schemes' ARNs.</summary>
    public static string NewArn() => "7" + RandomNumberGenerator.GetString("0123456789", 22);

    private static NoticeMode NoticeModeForRefund(SandboxScenario scenario) => scenario switch
    {
        SandboxScenario.NoNotice => NoticeMode.None,
        SandboxScenario.DuplicateNotices => NoticeMode.Duplicate,
        _ => NoticeMode.Normal,
    };

    private async Task SettleRefundLaterAsync(string refundId, bool success)
    {
        try
        {
            await Task.Delay(options.Value.RefundSettleDelay, time, lifetime.ApplicationStopping);
            SettleRefund(refundId, success);
        }
        catch (OperationCanceledException)
        {
            // The sandbox is stopping; the refund stays pending.
        }
    }

    private static bool PaymentIdFormat(string value) => value.Length == 21 && value.All(char.IsAsciiDigit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Capture or void refused on terminal {Terminal}: {Details}")]
    private partial void LogAuthRefused(string terminal, string details);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} {Decision}")]
    private partial void LogAuthDecided(string paymentId, string decision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund refused on terminal {Terminal}: refund_results {Code}")]
    private partial void LogRefundRefused(string terminal, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} accepted for payment {PaymentId}")]
    private partial void LogRefundAccepted(string refundId, string paymentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} {Outcome}")]
    private partial void LogRefundSettled(string refundId, string outcome);
}
