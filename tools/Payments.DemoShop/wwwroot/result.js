import { finalStatuses } from './payments-checkout.js';
import * as shop from './shared.js';

const $ = (id) => document.getElementById(id);
const orderPollMs = 1000;
const giveUpAfterMs = 120000;
const titles = {
  succeeded: 'Payment successful',
  authorised: 'Payment authorised',
  failed: 'Payment failed',
  canceled: 'Payment canceled',
  review: 'Payment under review',
  requires_payment_method: 'Card declined',
};
const statusLines = {
  succeeded: 'Thank you: your payment has been received.',
  authorised: 'Your payment has been authorised and will be captured when your order ships.',
  failed: 'Your payment did not go through and you have not been charged.',
  canceled: 'The payment was canceled and you have not been charged.',
  review: 'Your payment is being reviewed. We will email you when it is confirmed; you will not be charged twice.',
  requires_payment_method: 'Your card was declined and you have not been charged. You can pay with another card.',
};

function finish(status, title, line, message) {
  document.querySelector('main').dataset.status = status;
  $('result-title').textContent = title;
  $('result-status').textContent = line;
  $('result-message').textContent = message || '';
  $('result-box').className = 'result ' + (status === 'succeeded' || status === 'authorised' ? 'ok' : status === 'failed' || status === 'requires_payment_method' ? 'bad' : 'neutral');
  document.title = title + ' · Demo shop';
  $('result-title').focus();
}

function showDetails(payment) {
  $('detail-payment').textContent = payment.paymentId;
  $('detail-amount').textContent = shop.formatAmount(payment.amount, payment.currency);
  $('detail-method').textContent = shop.methodName(payment.method) + (payment.maskedCard ? ' ' + payment.maskedCard : '');
  $('result-details').hidden = false;
  if (!finalStatuses.includes(payment.status)) {
    $('result-status').textContent = 'Waiting for the payment provider to confirm your payment…';
  }
}

// The order as the shop's server records it: paid only once a verified webhook said so.
async function watchOrder(paymentId) {
  const started = Date.now();
  while (Date.now() - started < giveUpAfterMs) {
    const result = await shop.send('/shop/orders/' + encodeURIComponent(paymentId), { headers: {} });
    if (result.ok && result.data && result.data.state === 'paid') {
      $('order-state').dataset.state = 'paid';
      $('order-state').textContent = 'Order paid: the payment service told the shop by a signed webhook.';
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, orderPollMs));
  }
}

// The status in the return URL is never trusted: the helper reads it from the API.
async function run() {
  const paymentId = new URLSearchParams(window.location.search).get('paymentId');
  if (!paymentId) {
    finish('unknown', 'No payment to show', 'This page shows the result of a payment started in the shop.', '');
    return;
  }
  const saved = shop.recall(paymentId);
  if (!saved || !saved.clientSecret) {
    finish('unknown', 'Payment not found in this tab', 'Open the shop again in the tab where you paid to see the result.', '');
    return;
  }
  watchOrder(paymentId);
  const result = await shop.checkoutFor(saved).waitForResult({ timeoutMs: giveUpAfterMs, onUpdate: showDetails });
  switch (result.kind) {
    case 'timed_out':
      finish('pending', 'Still confirming your payment', 'This is taking longer than usual. You will not be charged twice; check your order later.', '');
      return;
    case 'error':
      if (result.status === 404 || result.status === 401) {
        finish('unknown', 'Payment not found', shop.paymentErrorText(result, 'The payment service does not know this payment.'), '');
      } else {
        finish('unknown', 'Result not available', shop.paymentErrorText(result, 'The payment service could not tell us the result. You will not be charged twice; check your order later.'), '');
      }
      return;
    case 'requires_payment_method':
      // Declined after 3-D Secure, and the payment takes another card: back to the card step of the same payment.
      $('retry-link').href = '/?retry=' + encodeURIComponent(paymentId);
      $('retry').hidden = false;
      finish(result.kind, titles[result.kind], statusLines[result.kind], result.failure ? result.failure.message : '');
      return;
    default:
      finish(result.kind, titles[result.kind], statusLines[result.kind], result.kind === 'failed' && result.failure ? result.failure.message : '');
  }
}

run();
