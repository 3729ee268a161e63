using System.Text.Json;
using Microsoft.Playwright;

namespace Payments.Demo.Tests;

/// <summary>
/// The checkout helper (clients/checkout-js/payments-checkout.js) on its own in Chromium: each test
/// gives it a scripted fetch and, where it polls, a fake clock, and asserts what it did (requests,
/// waits, callbacks, navigation) and what it reported.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CheckoutHelperTests(CheckoutModuleFixture browser) : IClassFixture<CheckoutModuleFixture>, IAsyncLifetime
{
    private const string Secret = "pay_T100_secret_Zq8w";
    private readonly List<string> _pageErrors = [];
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _page = await browser.Context.NewPageAsync();
        _page.PageError += (_, error) => _pageErrors.Add(error);
        await _page.GotoAsync(CheckoutModuleFixture.Origin + "/");
        await _page.WaitForSelectorAsync("body[data-ready]", new() { State = WaitForSelectorState.Attached });
    }

    public async Task DisposeAsync()
    {
        await _page.CloseAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task WaitForResult_NotFinalYet_WaitsGrowByTheFactorAndStopGrowingAtTheCap()
    {
        var run = await RunAsync("""
            const clock = h.fakeClock();
            const api = h.scriptedFetch([...Array(7).fill({ status: 200, body: h.payment('processing') }), { status: 200, body: h.payment('succeeded') }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, clock,
              poll: { initialDelayMs: 100, factor: 2, maxDelayMs: 500, timeoutMs: 60000 } });
            const result = await checkout.waitForResult();
            return { kind: result.kind, reads: api.calls.length, sleeps: clock.sleeps };
            """);

        Assert.Equal("succeeded", run.GetProperty("kind").GetString());
        Assert.Equal(8, run.GetProperty("reads").GetInt32());
        Assert.Equal([100, 200, 400, 500, 500, 500, 500], Numbers(run.GetProperty("sleeps")));
    }

    [Fact]
    public async Task WaitForResult_NoFinalStatusByTheDeadline_ReadsOnceMoreAtTheDeadline_AndReportsTimedOutNotFailed()
    {
        var run = await RunAsync("""
            const clock = h.fakeClock();
            const api = h.scriptedFetch([{ status: 200, body: h.payment('pending') }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, clock,
              poll: { initialDelayMs: 100, factor: 2, maxDelayMs: 500, timeoutMs: 2000 } });
            const result = await checkout.waitForResult();
            return { kind: result.kind, status: result.payment && result.payment.status, reads: api.calls.length, sleeps: clock.sleeps, now: clock.now() };
            """);

        Assert.Equal("timed_out", run.GetProperty("kind").GetString());
        Assert.Equal("pending", run.GetProperty("status").GetString());
        // 100 + 200 + 400 + 500 + 500 = 1,700 ms: the last wait is cut to the 300 ms left.
        Assert.Equal([100, 200, 400, 500, 500, 300], Numbers(run.GetProperty("sleeps")));
        Assert.Equal(7, run.GetProperty("reads").GetInt32());
        Assert.Equal(2000, run.GetProperty("now").GetDouble());
    }

    [Fact]
    public async Task WaitForResult_OnlyTransientAnswersUntilTheDeadline_ReportsTimedOutWithoutAPayment()
    {
        var run = await RunAsync("""
            const clock = h.fakeClock();
            const unavailable = { status: 503, body: { type: 'docs/errors.md#dependency_unavailable', title: 'A dependency did not answer in time.', status: 503, detail: 'Try again.', code: 'dependency_unavailable' } };
            const api = h.scriptedFetch(['offline', unavailable, { status: 502 }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, clock,
              poll: { initialDelayMs: 100, factor: 2, maxDelayMs: 400, timeoutMs: 1000 } });
            const result = await checkout.waitForResult();
            return { kind: result.kind, payment: result.payment, reads: api.calls.length };
            """);

        Assert.Equal("timed_out", run.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("payment").ValueKind);
        Assert.Equal(5, run.GetProperty("reads").GetInt32()); // at 0, 100, 300, 700 and 1,000 ms
    }

    [Theory]
    [InlineData("succeeded")]
    [InlineData("authorised")]
    [InlineData("failed")]
    [InlineData("canceled")]
    [InlineData("review")]
    public async Task WaitForResult_FinalStatus_StopsPollingAndReportsItAsTheKind(string status)
    {
        var run = await RunAsync("""
            const clock = h.fakeClock();
            const failure = { code: '80022', message: 'Your card has insufficient funds.', declineCode: 'insufficient_funds' };
            const final = h.payment(arg, arg === 'failed' ? { failure } : {});
            const api = h.scriptedFetch([
              { status: 200, body: h.payment('requires_action') }, { status: 200, body: h.payment('pending') },
              { status: 200, body: final }, { status: 200, body: h.payment('processing') }]);
            const seen = [];
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, clock, poll: { initialDelayMs: 10 } });
            const result = await checkout.waitForResult({ onUpdate: (p) => seen.push(p.status) });
            await new Promise((resolve) => setTimeout(resolve, 50));
            return { kind: result.kind, status: result.payment.status, failure: result.failure ?? null, reads: api.calls.length, seen };
            """, status);

        Assert.Equal(status, run.GetProperty("kind").GetString());
        Assert.Equal(status, run.GetProperty("status").GetString());
        Assert.Equal(3, run.GetProperty("reads").GetInt32());
        Assert.Equal(["requires_action", "pending", status], run.GetProperty("seen").EnumerateArray().Select(e => e.GetString()));
        if (status == "failed")
        {
            var failure = run.GetProperty("failure");
            Assert.Equal("80022", failure.GetProperty("code").GetString());
            Assert.Equal("Your card has insufficient funds.", failure.GetProperty("message").GetString());
            Assert.Equal("insufficient_funds", failure.GetProperty("declineCode").GetString());
        }
        else
        {
            Assert.False(run.TryGetProperty("failure", out var failure) && failure.ValueKind != JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task ADeclinedAttemptThatAllowsAnother_EndsConfirmAndWaitWithTheFailureAndWhatIsLeft()
    {
        var run = await RunAsync("""
            const clock = h.fakeClock();
            const lastFailure = { code: '80022', message: 'Your card has insufficient funds.', declineCode: 'insufficient_funds' };
            const retry = h.payment('requires_payment_method', { lastFailure, attemptsLeft: 2 });
            const api = h.scriptedFetch([
              { status: 200, body: retry }, { status: 200, body: h.payment('processing') }, { status: 200, body: retry }, { status: 200, body: h.payment('succeeded') }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, clock, poll: { initialDelayMs: 10 } });
            const confirmed = await checkout.confirm({ card: { number: '4000000000000002' } });
            const waited = await checkout.waitForResult();
            return { confirmed: { kind: confirmed.kind, failure: confirmed.failure, attemptsLeft: confirmed.attemptsLeft },
                     waited: { kind: waited.kind, attemptsLeft: waited.attemptsLeft }, reads: api.calls.length };
            """);

        var confirmed = run.GetProperty("confirmed");
        Assert.Equal("requires_payment_method", confirmed.GetProperty("kind").GetString());
        Assert.Equal("80022", confirmed.GetProperty("failure").GetProperty("code").GetString());
        Assert.Equal(2, confirmed.GetProperty("attemptsLeft").GetInt32());
        // The wait stops at the declined attempt (the shopper must act) rather than polling on to its deadline.
        Assert.Equal("requires_payment_method", run.GetProperty("waited").GetProperty("kind").GetString());
        Assert.Equal(3, run.GetProperty("reads").GetInt32());
    }

    [Fact]
    public async Task WaitForResult_ProblemThatWillNotGoAway_EndsAtOnceAsAnErrorWithItsCode()
    {
        var run = await RunAsync("""
            const clock = h.fakeClock();
            const notFound = { type: 'docs/errors.md#payment_not_found', title: 'Payment not found.', status: 404, detail: 'No payment with this id and secret.', code: 'payment_not_found' };
            const api = h.scriptedFetch([{ status: 200, body: h.payment('processing') }, { status: 404, body: notFound }, { status: 200, body: h.payment('succeeded') }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, clock });
            const result = await checkout.waitForResult();
            return { result, reads: api.calls.length };
            """);

        var result = run.GetProperty("result");
        Assert.Equal("error", result.GetProperty("kind").GetString());
        Assert.Equal(404, result.GetProperty("status").GetInt32());
        Assert.Equal("payment_not_found", result.GetProperty("code").GetString());
        Assert.Equal("Payment not found.", result.GetProperty("title").GetString());
        Assert.Equal("No payment with this id and secret.", result.GetProperty("detail").GetString());
        Assert.Equal(2, run.GetProperty("reads").GetInt32());
    }

    [Fact]
    public async Task Confirm_ProblemDocument_BecomesAnErrorResultWithItsCodeAndFieldMessages()
    {
        var result = await RunAsync("""
            const problem = { type: 'docs/errors.md#validation_failed', title: 'The request is not valid.', status: 400,
              detail: 'One or more fields are not valid.', code: 'validation_failed', errors: { 'card.number': ['Enter a card number.'] } };
            const api = h.scriptedFetch([{ status: 400, body: problem }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch });
            return await checkout.confirm({ card: { number: '', expMonth: '12', expYear: '2030', cvc: '123' } });
            """);

        Assert.Equal("error", result.GetProperty("kind").GetString());
        Assert.Equal(400, result.GetProperty("status").GetInt32());
        Assert.Equal("validation_failed", result.GetProperty("code").GetString());
        Assert.Equal("One or more fields are not valid.", result.GetProperty("detail").GetString());
        Assert.Equal("Enter a card number.", result.GetProperty("errors").GetProperty("card.number")[0].GetString());
    }

    [Fact]
    public async Task Confirm_ErrorAnswerWithoutAProblem_AndNoAnswer_GetTheHelpersOwnCodes()
    {
        var run = await RunAsync("""
            const hostRefused = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: h.scriptedFetch([{ status: 401 }]).fetch });
            const offline = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: h.scriptedFetch(['offline']).fetch });
            return { hostRefused: await hostRefused.confirm({}), offline: await offline.confirm({}) };
            """);

        Assert.Equal("http_error", run.GetProperty("hostRefused").GetProperty("code").GetString());
        Assert.Equal(401, run.GetProperty("hostRefused").GetProperty("status").GetInt32());
        Assert.Equal("network_error", run.GetProperty("offline").GetProperty("code").GetString());
        Assert.Equal(0, run.GetProperty("offline").GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("javascript:alert(document.domain)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/sandbox/3ds/challenge")]
    [InlineData("ftp://gateway.example/3ds")]
    [InlineData("")]
    public async Task Confirm_RedirectToAnythingButAnHttpUrl_IsRefused_AndNothingIsNavigated(string redirectUrl)
    {
        var run = await RunAsync("""
            const navigated = [];
            const api = h.scriptedFetch([{ status: 200, body: h.payment('requires_action', { nextAction: { type: 'redirect', redirectUrl: arg } }) }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, navigate: (url) => navigated.push(url) });
            const result = await checkout.confirm({});
            return { kind: result.kind, code: result.code, navigated, location: location.href };
            """, redirectUrl);

        Assert.Equal("error", run.GetProperty("kind").GetString());
        Assert.Equal("redirect_refused", run.GetProperty("code").GetString());
        Assert.Empty(run.GetProperty("navigated").EnumerateArray());
        Assert.Equal(CheckoutModuleFixture.Origin + "/", run.GetProperty("location").GetString());
    }

    [Fact]
    public async Task Confirm_RedirectToAnHttpsChallenge_NavigatesThere_AndReportsRequiresAction()
    {
        var run = await RunAsync("""
            const navigated = [];
            const url = 'https://gateway.example/3ds/challenge?txn=77';
            const api = h.scriptedFetch([{ status: 200, body: h.payment('requires_action', { nextAction: { type: 'redirect', redirectUrl: url } }) }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, navigate: (u) => navigated.push(u) });
            const result = await checkout.confirm({ card: { number: '4000000000003220', expMonth: '12', expYear: '2030', cvc: '123' } });
            return { kind: result.kind, action: result.action, url: result.url, navigated };
            """);

        Assert.Equal("requires_action", run.GetProperty("kind").GetString());
        Assert.Equal("redirect", run.GetProperty("action").GetString());
        Assert.Equal("https://gateway.example/3ds/challenge?txn=77", run.GetProperty("url").GetString());
        Assert.Equal(["https://gateway.example/3ds/challenge?txn=77"], run.GetProperty("navigated").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Confirm_QrCode_HandsTheCodeToOnQrCode_AndReportsRequiresAction()
    {
        var run = await RunAsync("""
            const shown = [];
            const next = { type: 'qr_code', qrContent: 'weixin://wxpay/bizpayurl?pr=abc', qrImageUrl: 'https://api.example/api/payments/pay_T100/qr.png' };
            const api = h.scriptedFetch([{ status: 200, body: h.payment('pending', { method: 'wechat_pay_web', nextAction: next }) }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch,
              onQrCode: (a) => shown.push({ qrContent: a.qrContent, qrImageUrl: a.qrImageUrl, paymentId: a.payment.paymentId }),
              onSdk: () => shown.push('sdk'), navigate: () => shown.push('navigate') });
            const result = await checkout.confirm({});
            return { kind: result.kind, action: result.action, qrImageUrl: result.qrImageUrl, shown };
            """);

        Assert.Equal("requires_action", run.GetProperty("kind").GetString());
        Assert.Equal("qr_code", run.GetProperty("action").GetString());
        Assert.Equal("https://api.example/api/payments/pay_T100/qr.png", run.GetProperty("qrImageUrl").GetString());
        var shown = Assert.Single(run.GetProperty("shown").EnumerateArray());
        Assert.Equal("weixin://wxpay/bizpayurl?pr=abc", shown.GetProperty("qrContent").GetString());
        Assert.Equal("https://api.example/api/payments/pay_T100/qr.png", shown.GetProperty("qrImageUrl").GetString());
        Assert.Equal("pay_T100", shown.GetProperty("paymentId").GetString());
    }

    [Fact]
    public async Task Confirm_Sdk_AwaitsOnSdkWithTheParameters_AndReportsRequiresAction()
    {
        var run = await RunAsync("""
            const events = [];
            const next = { type: 'sdk', sdkParameters: { appId: 'wx123', prepayId: 'wx20261207', sign: 'ABC' } };
            const api = h.scriptedFetch([{ status: 200, body: h.payment('requires_action', { method: 'wechat_pay_app', nextAction: next }) }]);
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch,
              onSdk: async (a) => { events.push({ sdk: { ...a.sdkParameters } }); await new Promise((r) => setTimeout(r, 20)); events.push('wallet done'); },
              onQrCode: () => events.push('qr') });
            const result = await checkout.confirm({ walletToken: { token: 't' } });
            events.push('confirm returned');
            return { kind: result.kind, action: result.action, sdkParameters: result.sdkParameters, events };
            """);

        Assert.Equal("requires_action", run.GetProperty("kind").GetString());
        Assert.Equal("sdk", run.GetProperty("action").GetString());
        Assert.Equal("wx20261207", run.GetProperty("sdkParameters").GetProperty("prepayId").GetString());
        var events = run.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(3, events.Count);
        Assert.Equal("wx123", events[0].GetProperty("sdk").GetProperty("appId").GetString());
        Assert.Equal("wallet done", events[1].GetString());
        Assert.Equal("confirm returned", events[2].GetString());
    }

    [Fact]
    public async Task Confirm_NextActionWithoutAHandler_IsReportedUnsupported_AndStillProcessingIsNotFailed()
    {
        var run = await RunAsync("""
            const sdk = h.scriptedFetch([{ status: 200, body: h.payment('requires_action', { nextAction: { type: 'sdk', sdkParameters: { a: 'b' } } }) }]);
            const processing = h.scriptedFetch([{ status: 200, body: h.payment('processing') }]);
            return {
              sdk: await h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: sdk.fetch }).confirm({}),
              processing: (await h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: processing.fetch }).confirm({})).kind,
            };
            """);

        Assert.Equal("next_action_unsupported", run.GetProperty("sdk").GetProperty("code").GetString());
        Assert.Equal("processing", run.GetProperty("processing").GetString());
    }

    [Fact]
    public async Task WaitForResult_AbortedDuringAWait_RejectsAtOnceWithTheReason_AndReadsNoMore()
    {
        var run = await RunAsync("""
            const leaving = new AbortController();
            const api = h.scriptedFetch([{ status: 200, body: h.payment('pending') }]);
            // Real timers: the first read starts a 10 s wait, and the page leaves 50 ms into it.
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, poll: { initialDelayMs: 10000 } });
            const started = performance.now();
            setTimeout(() => leaving.abort(), 50);
            let outcome;
            try {
              outcome = { resolved: (await checkout.waitForResult({ signal: leaving.signal })).kind };
            } catch (error) {
              outcome = { rejected: error.name };
            }
            const elapsed = performance.now() - started;
            const readsAtAbort = api.calls.length;
            await new Promise((resolve) => setTimeout(resolve, 200));
            return { outcome, elapsed, readsAtAbort, readsLater: api.calls.length };
            """);

        Assert.Equal("AbortError", run.GetProperty("outcome").GetProperty("rejected").GetString());
        Assert.InRange(run.GetProperty("elapsed").GetDouble(), 40, 2000);
        Assert.Equal(1, run.GetProperty("readsAtAbort").GetInt32());
        Assert.Equal(1, run.GetProperty("readsLater").GetInt32());
    }

    [Fact]
    public async Task Check_AbortedDuringARead_RejectsWithTheReason()
    {
        var run = await RunAsync("""
            const leaving = new AbortController();
            // A read that never answers unless its signal aborts, as fetch does.
            const hanging = (url, init) => new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
            const checkout = h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: hanging, poll: { requestTimeoutMs: 10000 } });
            const started = performance.now();
            setTimeout(() => leaving.abort(new DOMException('The shopper left.', 'AbortError')), 50);
            try {
              return { resolved: (await checkout.check({ signal: leaving.signal })).kind };
            } catch (error) {
              return { rejected: error.message, elapsed: performance.now() - started };
            }
            """);

        Assert.Equal("The shopper left.", run.GetProperty("rejected").GetString());
        Assert.InRange(run.GetProperty("elapsed").GetDouble(), 40, 2000);
    }

    [Fact]
    public async Task Confirm_TheSecretGoesInAHeaderOnly_AndTheHelperLogsAndStoresNothing()
    {
        var run = await RunAsync("""
            const logged = [];
            for (const name of ['log', 'info', 'warn', 'error', 'debug']) {
              console[name] = (...args) => logged.push(args.map(String).join(' '));
            }
            const clock = h.fakeClock();
            const api = h.scriptedFetch([{ status: 200, body: h.payment('processing') }, { status: 200, body: h.payment('succeeded') }]);
            const checkout = h.createCheckout({ baseUrl: 'https://api.example/', paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, clock });
            const card = { number: '4111111111111111', expMonth: '12', expYear: '2030', cvc: '123' };
            const confirmed = await checkout.confirm({ card });
            const waited = await checkout.waitForResult();
            return {
              calls: api.calls, logged, storage: JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie,
              results: JSON.stringify([confirmed, waited]), checkoutKeys: Object.keys(checkout),
            };
            """);

        var calls = run.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("https://api.example/api/payments/pay_T100/confirm", calls[0].GetProperty("url").GetString());
        Assert.Equal("POST", calls[0].GetProperty("method").GetString());
        Assert.Equal("""{"card":{"number":"4111111111111111","expMonth":"12","expYear":"2030","cvc":"123"}}""", calls[0].GetProperty("body").GetString());
        Assert.Equal("https://api.example/api/payments/pay_T100", calls[1].GetProperty("url").GetString());
        Assert.Equal("GET", calls[1].GetProperty("method").GetString());
        foreach (var call in calls)
        {
            Assert.Equal(Secret, call.GetProperty("headers").GetProperty("X-Client-Secret").GetString());
            Assert.DoesNotContain(Secret, call.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Equal("omit", call.GetProperty("credentials").GetString());
            Assert.Equal("error", call.GetProperty("redirect").GetString());
            Assert.Equal("no-store", call.GetProperty("cache").GetString());
        }

        Assert.Empty(run.GetProperty("logged").EnumerateArray());
        Assert.Equal("{}{}", run.GetProperty("storage").GetString());
        Assert.DoesNotContain(Secret, run.GetProperty("results").GetString(), StringComparison.Ordinal);
        Assert.Equal(["confirm", "check", "waitForResult"], run.GetProperty("checkoutKeys").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task WaitForResult_DefaultPollOptions_WaitOneSecondGrowingByHalfToFiveSeconds_ForTwoMinutes()
    {
        var run = await RunAsync("""
            const clock = h.fakeClock();
            const api = h.scriptedFetch([{ status: 200, body: h.payment('processing') }]);
            const result = await h.createCheckout({ paymentId: 'pay_T100', clientSecret: secret, fetch: api.fetch, clock }).waitForResult();
            return { kind: result.kind, sleeps: clock.sleeps, total: clock.sleeps.reduce((a, b) => a + b, 0) };
            """);

        Assert.Equal("timed_out", run.GetProperty("kind").GetString());
        var sleeps = run.GetProperty("sleeps").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal([1000, 1500, 2250, 3375, 5000, 5000], sleeps.Take(6));
        Assert.All(sleeps.Skip(4).SkipLast(1), s => Assert.Equal(5000, s));
        Assert.Equal(120_000, run.GetProperty("total").GetDouble());
    }

    /// <summary>Runs <paramref name="body"/> as an async function in the page with <c>h</c> (the harness), <c>secret</c> and <c>arg</c> in scope; returns what it returns.</summary>
    private async Task<JsonElement> RunAsync(string body, string? arg = null)
        => await _page.EvaluateAsync<JsonElement>(
            "async ([secret, arg]) => { const h = window.harness;\n" + body + "\n}",
            new object?[] { Secret, arg });

    private static int[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
