'use strict';
(() => {
  const shop = window.demoShop;
  const $ = (id) => document.getElementById(id);
  const qrInstructions = {
    wechat_pay_web: 'Open WeChat on your phone, tap Scan, and scan this code to pay.',
    alipay_web: 'Open the Alipay app on your phone, tap Scan, and scan this code to pay.',
    fps: 'Open your banking app, choose to pay with FPS, and scan this code.',
  };
  let payment = null;
  let polling = null;

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
    if (polling) {
      clearInterval(polling);
    }
    window.location.assign(shop.resultUrl(payment.paymentId));
  }

  // What the confirm answer asks for next.
  function handlePayment(result, errorElement) {
    const next = result.nextAction;
    if (shop.isFinal(result.status) || (result.status === 'processing' && !next)) {
      goToResult();
      return;
    }
    if (next && next.type === 'redirect') {
      let target = null;
      try {
        target = new URL(next.redirectUrl);
      } catch {
        target = null;
      }
      if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
        errorElement.textContent = 'The payment service sent an unusable redirect. Please try again later.';
        return;
      }
      window.location.assign(target.href);
      return;
    }
    if (next && next.type === 'qr_code') {
      showQr(next);
      return;
    }
    if (next && next.type === 'sdk') {
      errorElement.textContent = 'This payment method continues in the mobile app, which this demo page does not include.';
      return;
    }
    goToResult();
  }

  async function confirm(body, errorElement) {
    const result = await shop.api({ id: payment.paymentId, confirm: true }, payment.clientSecret, body);
    if (!result.ok || !result.data) {
      errorElement.textContent = shop.problemText(result, 'The payment could not be confirmed. Please try again.');
      return false;
    }
    handlePayment(result.data, errorElement);
    return true;
  }

  function showQr(next) {
    const method = shop.methodName(payment.method);
    $('qr-heading').textContent = '2. Scan to pay with ' + method;
    $('qr-summary').textContent = 'Order total: ' + shop.formatAmount(payment.amount, payment.currency);
    $('qr-instructions').textContent = qrInstructions[payment.method] || 'Scan this code with your payment app.';
    const image = $('qr-image');
    image.alt = 'QR code to pay ' + shop.formatAmount(payment.amount, payment.currency) + ' with ' + method;
    image.src = next.qrImageUrl;
    showStep('step-qr', 'qr-heading');
    // A real shopper pays on the phone: watch the status and move on once it is final.
    polling = setInterval(async () => {
      const result = await shop.api({ id: payment.paymentId }, payment.clientSecret);
      if (result.ok && result.data && !['pending', 'requires_action'].includes(result.data.status)) {
        goToResult();
      }
    }, 2000);
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
      $('order-error').textContent = shop.problemText(created, 'The order could not be created. Please try again.');
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

  $('simulate').addEventListener('click', async () => {
    const button = $('simulate');
    busy(button, true, 'Simulating…');
    $('qr-error').textContent = '';
    const result = await shop.send('/shop/payments/' + encodeURIComponent(payment.paymentId) + '/simulate-payment', { method: 'POST' });
    if (!result.ok) {
      busy(button, false, 'Simulate the customer paying');
      $('qr-error').textContent = shop.problemText(result, 'The sandbox could not complete the payment.');
      return;
    }
    $('qr-status').textContent = 'Paid in the app. Confirming with the payment service…';
    goToResult();
  });
})();
