'use strict';
// Helpers shared by the checkout and result pages. Every text reaches the page through
// textContent, never innerHTML, so nothing from the API or the URL is parsed as HTML.
window.demoShop = (() => {
  const methodNames = {
    card: 'Card',
    wechat_pay_web: 'WeChat Pay',
    alipay_web: 'Alipay',
    fps: 'FPS',
  };

  const finalStatuses = new Set(['succeeded', 'authorised', 'failed', 'review']);

  function secretKey(paymentId) {
    return 'demo-payment:' + paymentId;
  }

  return {
    methodName(method) {
      return methodNames[method] || method;
    },

    isFinal(status) {
      return finalStatuses.has(status);
    },

    formatAmount(minor, currency) {
      const value = (Number(minor) / 100).toFixed(2);
      return currency + ' ' + value;
    },

    // The client secret lives in this tab's sessionStorage only: it survives the 3-D Secure
    // round trip and is gone when the tab closes.
    remember(paymentId, data) {
      sessionStorage.setItem(secretKey(paymentId), JSON.stringify(data));
    },

    recall(paymentId) {
      const text = sessionStorage.getItem(secretKey(paymentId));
      try {
        return text ? JSON.parse(text) : null;
      } catch {
        return null;
      }
    },

    // The payment API, through the shop's same-origin forwarder (see the README).
    async api(path, clientSecret, body) {
      const init = { headers: { 'X-Client-Secret': clientSecret }, cache: 'no-store' };
      if (body !== undefined) {
        init.method = 'POST';
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      return this.send('/api/payments/' + encodeURIComponent(path.id) + (path.confirm ? '/confirm' : ''), init);
    },

    // Returns { ok, status, data }; network failures become status 0.
    async send(url, init) {
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
    },

    // One line for the shopper from an error answer: the shop's message, a problem's field
    // messages, or its detail.
    problemText(result, fallback) {
      const data = result.data;
      if (data && typeof data.message === 'string') {
        return data.message;
      }
      if (data && data.errors && typeof data.errors === 'object') {
        const lines = Object.values(data.errors).flat().filter((m) => typeof m === 'string');
        if (lines.length > 0) {
          return lines.join(' ');
        }
      }
      if (data && typeof data.detail === 'string') {
        return data.detail;
      }
      return result.status === 0 ? 'The shop cannot be reached. Check your connection and try again.' : fallback;
    },

    resultUrl(paymentId) {
      return '/result.html?paymentId=' + encodeURIComponent(paymentId);
    },
  };
})();
