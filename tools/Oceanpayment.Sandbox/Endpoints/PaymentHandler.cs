using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.Notices;
using Oceanpayment.Sandbox.Protocol;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Endpoints;

/// <summary>Decides and commits payments, settles pending ones and triggers notices.</summary>
internal sealed partial class PaymentHandler(
    SandboxStore store,
    NoticeQueue notices,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<PaymentHandler> logger)
{
    public const string ChallengePath = "/gateway/direct/redirect";
    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public PayAnswer Pay(IFormCollection form, bool localEndpoint, string requestBaseUrl)
    {
        var orderNumber = form["order_number"].ToString();
        var scenario = SandboxScenario.None;
        if (orderNumber.Length > 0)
        {
            store.CountRequest(orderNumber);
            scenario = store.ScenarioFor(orderNumber);
        }

        if (scenario == SandboxScenario.ServerError)
        {
            return new PayAnswer(PayAnswerKind.ServerError, []);
        }

        var validation = PayRequestValidator.Validate(form, localEndpoint, options.Value, time.GetUtcNow());
        if (validation.Request is not { } request)
        {
            var failure = validation.Failure!;
            LogRejected(failure.Terminal, failure.Details);
            var signature = validation.SecureCode is null ? "" : ResultXml.SignF3(failure, validation.SecureCode);
            return new PayAnswer(PayAnswerKind.Xml, ResultXml.Write(failure, ResultXml.PayRoot, signature, responseType: null));
        }

        var outcome = OutcomeFor(request, scenario);
        var transaction = store.TryCreate(
            (sequence, paymentId) => NewTransaction(request, scenario, outcome, sequence, paymentId, BaseUrl(requestBaseUrl)),
            request.Terminal.Terminal,
            request.Methods,
            request.OrderNumber);
        if (transaction is null)
        {
            var duplicate = Echo(request) with { Status = "0", Details = ResultCodes.DuplicateOrder };
            return new PayAnswer(PayAnswerKind.Xml, Answer(duplicate, ResultXml.SignF3(duplicate, request.Terminal.SecureCode)));
        }

        LogCommitted(transaction.PaymentId, transaction.Status);
        var result = store.Snapshot(transaction);
        if (result.Status != "-1" || (transaction.PreAuth && outcome == PaymentOutcome.Approve))
        {
            notices.Enqueue(result, NoticeModeFor(scenario));
        }
        else if (outcome is PaymentOutcome.PendingThenApprove or PaymentOutcome.PendingThenDecline)
        {
            _ = SettleLaterAsync(transaction.PaymentId, outcome == PaymentOutcome.PendingThenApprove);
        }

        var answer = result with { Extra = transaction.Extra };
        var secureCode = request.Terminal.SecureCode;
        var signValue = scenario == SandboxScenario.BadSignature
            ? ResultXml.SignF3(answer with { OrderAmount = answer.OrderAmount + "0" }, secureCode)
            : ResultXml.SignF3(answer, secureCode);
        var body = Answer(answer, signValue);
        return scenario switch
        {
            SandboxScenario.MalformedXml => new PayAnswer(PayAnswerKind.Xml, body[..(body.Length / 2)]),
            SandboxScenario.TimeoutAfterCommit => new PayAnswer(PayAnswerKind.HeldXml, body),
            _ => new PayAnswer(PayAnswerKind.Xml, body),
        };
    }

    /// <summary>The simulated customer (or the pending timer) finishes a pending payment.</summary>
    public CompletionResult Complete(string paymentId, bool success)
    {
        var transaction = store.FindByPaymentId(paymentId);
        if (transaction is null)
        {
            return new CompletionResult(CompletionStatus.NotFound, null);
        }

        var details = success ? ResultCodes.Approved : transaction switch
        {
            { Outcome: PaymentOutcome.Challenge } => ResultCodes.ThreeDSecureFailed,
            { Kind: MethodKind.LocalQr or MethodKind.LocalSdk } => ResultCodes.CustomerCancelled,
            _ => ResultCodes.NotSufficientFunds,
        };
        var authorised = success && transaction.PreAuth;
        var (status, finalDetails) = authorised ? ("-1", ResultCodes.Authorised) : (success ? "1" : "0", details);
        if (!store.TryFinish(paymentId, status, finalDetails, authorised, out var result, out _))
        {
            return new CompletionResult(CompletionStatus.NotPending, result);
        }

        LogCommitted(paymentId, result!.Status);
        notices.Enqueue(result, NoticeModeFor(transaction.Scenario));
        return new CompletionResult(CompletionStatus.Completed, result);
    }

    private async Task SettleLaterAsync(string paymentId, bool success)
    {
        try
        {
            await Task.Delay(options.Value.PendingResolveDelay, time, lifetime.ApplicationStopping);
            Complete(paymentId, success);
        }
        catch (OperationCanceledException)
        {
            // The sandbox is stopping; the payment stays pending.
        }
    }

    private static PaymentOutcome OutcomeFor(PayRequest request, SandboxScenario scenario)
    {
        var byMethod = request.Kind switch
        {
            MethodKind.Card => request.CardOutcome,
            MethodKind.Wallet => PaymentOutcome.Approve,
            _ => PaymentOutcome.PendingUntilCompleted,
        };
        if (byMethod == PaymentOutcome.Approve && request.Kind == MethodKind.Card && request.Terminal.Kind == SandboxTerminalKind.ThreeDSecure)
        {
            byMethod = PaymentOutcome.Challenge;
        }

        return scenario switch
        {
            SandboxScenario.Success => PaymentOutcome.Approve,
            SandboxScenario.Decline => PaymentOutcome.Decline,
            SandboxScenario.ThreeDSecure => PaymentOutcome.Challenge,
            SandboxScenario.PendingThenSuccess => PaymentOutcome.PendingThenApprove,
            SandboxScenario.PendingThenFail => PaymentOutcome.PendingThenDecline,
            SandboxScenario.PendingForever => PaymentOutcome.PendingUntilCompleted,
            _ => byMethod,
        };
    }

    public static NoticeMode NoticeModeFor(SandboxScenario scenario) => scenario switch
    {
        SandboxScenario.DuplicateNotices => NoticeMode.Duplicate,
        SandboxScenario.NoticeOutOfOrder => NoticeMode.OutOfOrder,
        SandboxScenario.NoNotice => NoticeMode.None,
        _ => NoticeMode.Normal,
    };

    private SandboxTransaction NewTransaction(PayRequest request, SandboxScenario scenario, PaymentOutcome outcome, long sequence, string paymentId, string baseUrl)
    {
        var token = outcome == PaymentOutcome.Challenge ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : "";
        // authType: 0 sale, 1 pre-auth, 2 3-D Secure sale, 3 3-D Secure pre-auth (§6).
        var preAuth = request.PreAuth;
        var (status, details, authType) = outcome switch
        {
            PaymentOutcome.Approve when preAuth => ("-1", ResultCodes.Authorised, "1"),
            PaymentOutcome.Approve => ("1", ResultCodes.Approved, "0"),
            PaymentOutcome.Decline => ("0", ResultCodes.NotSufficientFunds, preAuth ? "1" : "0"),
            PaymentOutcome.Challenge => ("-1", "", preAuth ? "3" : "2"),
            _ => ("-1", ResultCodes.NotFinished, preAuth ? "1" : "0"),
        };
        return new SandboxTransaction
        {
            Sequence = sequence,
            PaymentId = paymentId,
            Account = request.Terminal.Account,
            Terminal = request.Terminal.Terminal,
            Methods = request.Methods,
            Kind = request.Kind,
            OrderNumber = request.OrderNumber,
            OrderCurrency = request.OrderCurrency,
            OrderAmount = request.OrderAmount,
            OrderNotes = request.OrderNotes,
            CardNumber = request.CardNumber,
            CardType = request.CardType,
            BackUrl = request.BackUrl,
            NoticeUrl = request.NoticeUrl,
            Scenario = scenario,
            Outcome = outcome,
            CreatedAt = time.GetUtcNow(),
            ChallengeToken = token,
            PayUrl = token.Length == 0 ? "" : $"{baseUrl}{ChallengePath}?pay_id={token}",
            PayBarCode = request.Kind == MethodKind.LocalQr ? BarCode(request.Methods) : "",
            Extra = request.Kind == MethodKind.LocalSdk ? SdkParameters(request.Methods) : [],
            Status = status,
            Details = details,
            AuthType = authType,
            PreAuth = preAuth,
            Authorised = preAuth && outcome == PaymentOutcome.Approve,
        };
    }

    private PaymentResult Echo(PayRequest request) => new()
    {
        Account = request.Terminal.Account,
        Terminal = request.Terminal.Terminal,
        Methods = request.Methods,
        OrderNumber = request.OrderNumber,
        OrderCurrency = request.OrderCurrency,
        OrderAmount = request.OrderAmount,
        OrderNotes = request.OrderNotes,
        CardNumber = request.CardNumber,
        CardType = request.CardType,
        Status = "-1",
        Details = "",
        Time = time.GetUtcNow(),
    };

    private static byte[] Answer(PaymentResult result, string signValue) =>
        ResultXml.Write(result, ResultXml.PayRoot, signValue, responseType: null);

    private string BaseUrl(string requestBaseUrl) =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? requestBaseUrl : options.Value.PublicBaseUrl.TrimEnd('/');

    private static string BarCode(string methods) => methods switch
    {
        "WeChatPay_Web" => "weixin://wxpay/bizpayurl?pr=" + RandomNumberGenerator.GetString(Alphanumeric, 9),
        "Alipay_Web" => "https://qr.alipay.com/bax0" + RandomNumberGenerator.GetString(Alphanumeric, 20),
        // EMV-style FPS payload: merchant template 26 (hk.com.hkicl + a reference), HKD, HK.
        _ => "00020101021226370012hk.com.hkicl0317" + RandomNumberGenerator.GetString(Alphanumeric, 17) + "5204000053033445802HK6304"
            + Convert.ToHexString(RandomNumberGenerator.GetBytes(2)),
    };

    private IReadOnlyList<KeyValuePair<string, string>> SdkParameters(string methods)
    {
        var timeStamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetString(Alphanumeric, 32);
        var sign = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        return methods.StartsWith("WeChatPay", StringComparison.Ordinal)
            ?
            [
                new("appId", "wx" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))),
                new("timeStamp", timeStamp),
                new("nonceStr", nonce),
                new("package", "prepay_id=wx" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(14))),
                new("signType", "RSA"),
                new("paySign", sign),
            ]
            :
            [
                new("tradeNO", time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetString("0123456789", 20)),
                new("orderStr", "app_id=2021000000000000&biz_content=sandbox&charset=utf-8&sign_type=RSA2&timestamp=" + timeStamp + "&sign=" + Uri.EscapeDataString(sign)),
                new("nonceStr", nonce),
            ];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment request rejected on terminal {Terminal}: {Details}")]
    private partial void LogRejected(string terminal, string details);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} is now in status {Status}")]
    private partial void LogCommitted(string paymentId, string status);
}
