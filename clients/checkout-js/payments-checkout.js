// Checkout helper for the shopper's page: confirms a payment with its client secret, follows the
// next action, polls the status and reports one typed result. No dependencies, no DOM access, no
// logging: the page renders the result (with textContent) and decides what to tell the shopper.
// Types: payments-checkout.d.ts. Usage and the security rules: README.md.

// Statuses after which the shopper's page stops watching (review waits for a person, not the shopper).
export const finalStatuses = Object.freeze(['succeeded', 'authorised', 'failed', 'canceled', 'review']);

// Not final, but nothing happens until the shopper acts: the attempt was declined and the payment takes
// another card (a payment created with maxAttempts above 1).
const retryStatus = 'requires_payment_method';

// HTTP answers worth asking again (a timeout, throttling, a server fault), besides no answer at all.
const transientStatuses = new Set([408, 425, 429, 500, 502, 503, 504]);

const defaultPoll = Object.freeze({
  initialDelayMs: 1000,
  factor: 1.5,
  maxDelayMs: 5000,
  timeoutMs: 120000,
  requestTimeoutMs: 15000,
});

const systemClock = Object.freeze({
  now: () => (globalThis.performance ? globalThis.performance.now() : Date.now()),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      if (signal) {
        signal.removeEventListener('abort', onAbort);
      }
      resolve();
    }, ms);
    if (signal) {
      signal.addEventListener('abort', onAbort, { once: true });
    }
  }),
});

// The waits between status reads: initialDelayMs, then each one `factor` times the last, never
// above maxDelayMs.
export function* backoffDelays(poll) {
  const { initialDelayMs, factor, maxDelayMs } = { ...defaultPoll, ...poll };
  let delay = Math.min(initialDelayMs, maxDelayMs);
  for (;;) {
    yield delay;
    delay = Math.min(delay * factor, maxDelayMs);
  }
}

// A redirect the helper may follow: an absolute http: or https: URL (normalised), else null.
export function safeRedirectUrl(value) {
  if (typeof value !== 'string') {
    return null;
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}

export function createCheckout(options) {
  const { paymentId, clientSecret } = options || {};
  if (typeof paymentId !== 'string' || paymentId === '') {
    throw new TypeError('createCheckout: paymentId is required.');
  }
  if (typeof clientSecret !== 'string' || clientSecret === '') {
    throw new TypeError('createCheckout: clientSecret is required.');
  }
  const fetchFn = options.fetch || globalThis.fetch.bind(globalThis);
  const navigate = options.navigate || ((url) => globalThis.location.assign(url));
  const clock = options.clock || systemClock;
  const poll = { ...defaultPoll, ...options.poll };
  const paymentUrl = (options.baseUrl || '').replace(/\/+$/, '') + '/api/payments/' + encodeURIComponent(paymentId);

  // One call to the API. The secret travels in a header only (never in the URL), the call carries
  // no cookies, and an HTTP redirect is refused so the header cannot follow it to another host.
  async function call(url, init, signal) {
    let response;
    try {
      response = await fetchFn(url, {
        ...init,
        headers: { ...init.headers, 'X-Client-Secret': clientSecret, Accept: 'application/json' },
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
        signal,
      });
    } catch (error) {
      if (signal && signal.aborted) {
        throw signal.reason;
      }
      return { error: helperError(0, 'network_error', 'The payment service could not be reached.') };
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) {
      return { error: problemResult(response.status, data) };
    }
    if (!data || typeof data !== 'object' || typeof data.status !== 'string') {
      return { error: helperError(response.status, 'invalid_response', 'The payment service sent an answer this page cannot read.') };
    }
    return { payment: data };
  }

  async function confirm(body, { signal } = {}) {
    const answer = await call(paymentUrl + '/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body === undefined || body === null ? {} : body),
    }, signal);
    if (answer.error) {
      return answer.error;
    }
    const payment = answer.payment;
    if (settles(payment.status)) {
      return settledResult(payment);
    }
    const next = payment.nextAction;
    if (!next || (payment.status !== 'requires_action' && payment.status !== 'pending')) {
      return { kind: 'processing', payment };
    }
    if (next.type === 'redirect') {
      const url = safeRedirectUrl(next.redirectUrl);
      if (!url) {
        return helperError(0, 'redirect_refused', 'The payment service asked for a redirect that is not an http(s) address.');
      }
      navigate(url);
      return { kind: 'requires_action', action: 'redirect', url, payment };
    }
    if (next.type === 'qr_code' && options.onQrCode) {
      const action = { qrContent: next.qrContent ?? null, qrImageUrl: next.qrImageUrl ?? null };
      await options.onQrCode({ ...action, payment });
      return { kind: 'requires_action', action: 'qr_code', ...action, payment };
    }
    if (next.type === 'sdk' && options.onSdk) {
      const sdkParameters = { ...next.sdkParameters };
      await options.onSdk({ sdkParameters, payment });
      return { kind: 'requires_action', action: 'sdk', sdkParameters, payment };
    }
    return helperError(0, 'next_action_unsupported', 'This page cannot continue a payment that asks for a "' + String(next.type) + '" next action.');
  }

  async function check({ signal } = {}) {
    // One read may not hang the poller: it is cut off after requestTimeoutMs (or at the caller's abort).
    const request = new AbortController();
    const onAbort = () => request.abort(signal.reason);
    if (signal) {
      if (signal.aborted) {
        throw signal.reason;
      }
      signal.addEventListener('abort', onAbort, { once: true });
    }
    const timer = setTimeout(() => request.abort(), poll.requestTimeoutMs);
    try {
      const answer = await call(paymentUrl, { method: 'GET', headers: {} }, request.signal);
      if (answer.error) {
        return answer.error;
      }
      return settles(answer.payment.status) ? settledResult(answer.payment) : { kind: 'processing', payment: answer.payment };
    } catch (error) {
      if (signal && signal.aborted) {
        throw signal.reason;
      }
      if (request.signal.aborted) {
        return helperError(0, 'network_error', 'The payment service did not answer in time.');
      }
      throw error;
    } finally {
      clearTimeout(timer);
      if (signal) {
        signal.removeEventListener('abort', onAbort);
      }
    }
  }

  async function waitForResult({ signal, timeoutMs, onUpdate } = {}) {
    const deadline = clock.now() + (timeoutMs ?? poll.timeoutMs);
    const delays = backoffDelays(poll);
    let last = null;
    for (;;) {
      const result = await check({ signal });
      if (result.kind === 'error' && result.code !== 'network_error' && !transientStatuses.has(result.status)) {
        return result;
      }
      if (result.kind !== 'error') {
        last = result.payment;
        if (onUpdate) {
          onUpdate(result.payment);
        }
        if (result.kind !== 'processing') {
          return result;
        }
      }
      const left = deadline - clock.now();
      if (left <= 0) {
        return { kind: 'timed_out', payment: last };
      }
      // The last wait ends at the deadline, so one more read happens before giving up.
      await clock.sleep(Math.min(delays.next().value, left), signal);
    }
  }

  return Object.freeze({ confirm, check, waitForResult });
}

function settles(status) {
  return finalStatuses.includes(status) || status === retryStatus;
}

function settledResult(payment) {
  if (payment.status === retryStatus) {
    const attemptsLeft = typeof payment.attemptsLeft === 'number' ? payment.attemptsLeft : 0;
    return { kind: retryStatus, payment, failure: payment.lastFailure ?? null, attemptsLeft };
  }
  if (payment.status === 'failed') {
    return { kind: 'failed', payment, failure: payment.failure ?? null };
  }
  return { kind: payment.status, payment };
}

// An RFC 9457 problem document from the API; another error body keeps its HTTP status and gets code http_error.
function problemResult(status, data) {
  if (data && typeof data === 'object' && typeof data.code === 'string') {
    const result = {
      kind: 'error',
      status: typeof data.status === 'number' ? data.status : status,
      code: data.code,
      title: typeof data.title === 'string' ? data.title : '',
      detail: typeof data.detail === 'string' ? data.detail : '',
    };
    if (data.errors && typeof data.errors === 'object') {
      result.errors = data.errors;
    }
    return result;
  }
  return helperError(status, 'http_error', 'The payment service answered HTTP ' + status + '.');
}

function helperError(status, code, title) {
  return { kind: 'error', status, code, title, detail: '' };
}
