import * as shop from './shared.js';

const $ = (id) => document.getElementById(id);
const qrInstructions = {
  wechat_pay_web: 'Open WeChat on your phone, tap Scan, and scan this code to pay.',
  alipay_web: 'Open the Alipay app on your phone, tap Scan, and scan this code to pay.',
  fps: 'Open your banking app, choose to pay with FPS, and scan this code.',
};
// What the shopper reads when the helper cannot carry the payment on from this page.
const cannotContinue = {
  redirect_refused: 'The payment service sent an unusable redirect. Please try again later.',
  next_action_unsupported: 'This payment method continues in the mobile app, which this demo page does not include.',
};
// A QR payment waits for the shopper's phone: watch it for a while, then say it is still open.
const qrWatchMs = 15 * 60 * 1000;
let payment = null;
let watching = null;

function setError(input, errorElement, message) {
  errorElement.textContent = message;
  if (input) {
    if (message) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
}

function busy(button, isBusy, label) {
  button.disabled = isBusy;
  button.textContent = label;
}

function showStep(sectionId, headingId) {
  $('step-order').hidden = true;
  $(sectionId).hidden = false;
  $(headingId).focus();
}

function goToResult() {
  if (watching) {
    watching.abort();
  }
  window.location.assign(shop.resultUrl(payment.paymentId));
}

// Confirms through the helper, which performs a redirect or hands a QR code to showQr. True when
// the page moves on; false when the shopper may try again.
async function confirm(body, errorElement) {
  const checkout = shop.checkoutFor(payment, { onQrCode: showQr });
  const result = await checkout.confirm(body);
  if (result.kind === 'error') {
    errorElement.textContent = cannotContinue[result.code]
      || shop.paymentErrorText(result, 'The payment could not be confirmed. Please try again.');
    return result.code in cannotContinue;
  }
  if (result.kind === 'requires_payment_method') {
    // Declined, and the payment takes another card: the shopper stays on the card step.
    const declined = (result.failure && result.failure.message) || 'Your card was declined.';
    const more = result.attemptsLeft === 1 ? 'You can try one more card.' : 'You can try ' + result.attemptsLeft + ' more cards.';
    errorElement.textContent = declined + ' ' + more;
    for (const id of ['card-number', 'card-exp-month', 'card-exp-year', 'card-cvc']) {
      $(id).value = '';
    }
    $('card-number').focus();
    return false;
  }
  if (result.kind === 'requires_action') {
    if (result.action === 'qr_code') {
      watchQr(checkout);
    }
    return true;
  }
  // Final, or still being confirmed: the result page reads the status and says which.
  goToResult();
  return true;
}

function showQr({ qrImageUrl }) {
  const method = shop.methodName(payment.method);
  $('qr-heading').textContent = '2. Scan to pay with ' + method;
  $('qr-summary').textContent = 'Order total: ' + shop.formatAmount(payment.amount, payment.currency);
  $('qr-instructions').textContent = qrInstructions[payment.method] || 'Scan this code with your payment app.';
  const image = $('qr-image');
  image.alt = 'QR code to pay ' + shop.formatAmount(payment.amount, payment.currency) + ' with ' + method;
  image.src = qrImageUrl;
  showStep('step-qr', 'qr-heading');
}

// A real shopper pays on the phone: the helper polls the status and the page moves on once it is final.
async function watchQr(checkout) {
  watching = new AbortController();
  let result;
  try {
    result = await checkout.waitForResult({ signal: watching.signal, timeoutMs: qrWatchMs });
  } catch {
    return; // aborted: the page is leaving
  }
  if (result.kind === 'timed_out') {
    $('qr-status').textContent = 'Still waiting for your payment. If you have paid in the app, it will be confirmed shortly.';
  } else if (result.kind === 'error') {
    $('qr-error').textContent = shop.paymentErrorText(result, 'The payment service could not tell us whether you have paid.');
  } else {
    goToResult();
  }
}

$('order-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const amountInput = $('amount');
  const amount = amountInput.value.trim();
  setError(amountInput, $('amount-error'), '');
  $('order-error').textContent = '';
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) {
    setError(amountInput, $('amount-error'), 'Enter an amount greater than zero, such as 10.50.');
    amountInput.focus();
    return;
  }
  const method = document.querySelector('input[name="method"]:checked').value;
  const button = $('continue');
  busy(button, true, 'Creating your order…');
  const created = await shop.send('/shop/checkout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ method, amount }),
  });
  if (!created.ok || !created.data || !created.data.paymentId) {
    busy(button, false, 'Continue to payment');
    $('order-error').textContent = shop.shopErrorText(created, 'The order could not be created. Please try again.');
    return;
  }
  payment = created.data;
  shop.remember(payment.paymentId, payment);
  if (method === 'card') {
    $('card-summary').textContent = 'Order total: ' + shop.formatAmount(payment.amount, payment.currency);
    $('pay').textContent = 'Pay ' + shop.formatAmount(payment.amount, payment.currency);
    showStep('step-card', 'card-heading');
    return;
  }
  const confirmed = await confirm({}, $('order-error'));
  if (!confirmed) {
    busy(button, false, 'Continue to payment');
  }
});

$('card-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const number = $('card-number').value.replace(/[\s-]/g, '');
  const month = $('card-exp-month').value.trim();
  const year = $('card-exp-year').value.trim();
  const cvc = $('card-cvc').value.trim();
  const monthMessage = /^(0?[1-9]|1[0-2])$/.test(month) ? '' : 'Enter the expiry month as 01 to 12.';
  const yearMessage = /^\d{4}$/.test(year) ? '' : 'Enter the expiry year with 4 digits, such as 2030.';
  const checks = [
    [$('card-number'), /^\d{12,19}$/.test(number) ? '' : 'Enter the card number: 12 to 19 digits.'],
    [$('card-exp-month'), monthMessage],
    [$('card-exp-year'), yearMessage],
    [$('card-cvc'), /^\d{3,4}$/.test(cvc) ? '' : 'Enter the 3- or 4-digit security code.'],
  ];
  // Month and year share one message under the expiry group.
  setError(null, $('card-number-error'), checks[0][1]);
  setError(null, $('card-exp-error'), [monthMessage, yearMessage].filter(Boolean).join(' '));
  setError(null, $('card-cvc-error'), checks[3][1]);
  let firstInvalid = null;
  for (const [input, message] of checks) {
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      firstInvalid = firstInvalid || input;
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
  $('card-error').textContent = '';
  if (firstInvalid) {
    firstInvalid.focus();
    return;
  }
  const button = $('pay');
  const label = button.textContent;
  busy(button, true, 'Paying…');
  const card = { number, expMonth: month.padStart(2, '0'), expYear: year, cvc };
  const confirmed = await confirm({ card }, $('card-error'));
  if (!confirmed) {
    busy(button, false, label);
  }
});

// Back from a declined 3-D Secure attempt (result.html's "Try another card"): the card step of the same payment.
function resumeRetry() {
  const retry = new URLSearchParams(window.location.search).get('retry');
  const saved = retry ? shop.recall(retry) : null;
  if (!saved || !saved.clientSecret || saved.method !== 'card') {
    return;
  }
  payment = saved;
  $('card-summary').textContent = 'Order total: ' + shop.formatAmount(payment.amount, payment.currency);
  $('pay').textContent = 'Pay ' + shop.formatAmount(payment.amount, payment.currency);
  $('card-error').textContent = 'Your card was declined. You can try another card.';
  showStep('step-card', 'card-heading');
}

resumeRetry();

$('simulate').addEventListener('click', async () => {
  const button = $('simulate');
  busy(button, true, 'Simulating…');
  $('qr-error').textContent = '';
  const result = await shop.send('/shop/payments/' + encodeURIComponent(payment.paymentId) + '/simulate-payment', { method: 'POST' });
  if (!result.ok) {
    busy(button, false, 'Simulate the customer paying');
    $('qr-error').textContent = shop.shopErrorText(result, 'The sandbox could not complete the payment.');
    return;
  }
  $('qr-status').textContent = 'Paid in the app. Confirming with the payment service…';
  goToResult();
});
