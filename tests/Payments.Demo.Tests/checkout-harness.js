// Test side of CheckoutHelperTests: loads the checkout helper as a page would and offers a scripted
// fetch and a fake clock, so each test drives the helper without a server and without waiting.
import * as helper from '/payments-checkout.js';

// Time that passes only when the helper sleeps; every wait it asks for is recorded.
function fakeClock() {
  const clock = { time: 0, sleeps: [] };
  clock.now = () => clock.time;
  clock.sleep = async (ms, signal) => {
    if (signal && signal.aborted) {
      throw signal.reason;
    }
    clock.sleeps.push(ms);
    clock.time += ms;
  };
  return clock;
}

// Answers the helper's calls in order, repeating the last answer: { status, body } or 'offline'.
// Every call is recorded as the helper made it.
function scriptedFetch(answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({
      url: String(url),
      method: init.method,
      headers: { ...init.headers },
      body: init.body === undefined ? null : init.body,
      credentials: init.credentials,
      redirect: init.redirect,
      cache: init.cache,
    });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer === 'offline') {
      throw new TypeError('Failed to fetch');
    }
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    const body = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status, headers: { 'Content-Type': type } });
  };
  return { fetch, calls };
}

function payment(status, extra) {
  return { paymentId: 'pay_T100', orderNumber: 'T100', status, amount: 1050, currency: 'USD', method: 'card', ...extra };
}

window.harness = { ...helper, fakeClock, scriptedFetch, payment };
document.body.dataset.ready = 'true';
