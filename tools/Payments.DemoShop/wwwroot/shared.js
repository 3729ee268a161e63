// Helpers shared by the checkout and result pages. Every text reaches the page through
// textContent, never innerHTML, so nothing from the API or the URL is parsed as HTML.
// The payment API itself (confirm, next action, status) is reached only through the checkout
// helper, /payments-checkout.js (source: clients/checkout-js).
import { createCheckout } from './payments-checkout.js';

const methodNames = {
  card: 'Card',
  wechat_pay_web: 'WeChat Pay',
  alipay_web: 'Alipay',
  fps: 'FPS',
};

function secretKey(paymentId) {
  return 'demo-payment:' + paymentId;
}

export function methodName(method) {
  return methodNames[method] || method;
}

export function formatAmount(minor, currency) {
  const value = (Number(minor) / 100).toFixed(2);
  return currency + ' ' + value;
}

// The client secret lives in this tab's sessionStorage only: it survives the 3-D Secure
// round trip and is gone when the tab closes. The page stores it, never the helper.
export function remember(paymentId, data) {
  sessionStorage.setItem(secretKey(paymentId), JSON.stringify(data));
}

export function recall(paymentId) {
  const text = sessionStorage.getItem(secretKey(paymentId));
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

// The helper for one payment. The API is reached through the shop's same-origin forwarder
// (see the README), so baseUrl stays empty.
export function checkoutFor(saved, callbacks) {
  return createCheckout({ paymentId: saved.paymentId, clientSecret: saved.clientSecret, ...callbacks });
}

// The shop's own endpoints (create the order, simulate the wallet, the order's state).
// Returns { ok, status, data }; network failures become status 0.
export async function send(url, init) {
  try {
    const response = await fetch(url, init);
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    return { ok: response.ok, status: response.status, data };
  } catch {
    return { ok: false, status: 0, data: null };
  }
}

// One line for the shopper from the shop's error answer ({ message }).
export function shopErrorText(result, fallback) {
  if (result.data && typeof result.data.message === 'string') {
    return result.data.message;
  }
  return result.status === 0 ? 'The shop cannot be reached. Check your connection and try again.' : fallback;
}

// One line for the shopper from the helper's error result: a problem's field messages, else its detail.
export function paymentErrorText(error, fallback) {
  const lines = error.errors ? Object.values(error.errors).flat().filter((m) => typeof m === 'string') : [];
  if (lines.length > 0) {
    return lines.join(' ');
  }
  if (error.detail) {
    return error.detail;
  }
  return error.code === 'network_error' ? 'The payment service cannot be reached. Check your connection and try again.' : fallback;
}

export function resultUrl(paymentId) {
  return '/result.html?paymentId=' + encodeURIComponent(paymentId);
}
