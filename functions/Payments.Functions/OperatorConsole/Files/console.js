// The operator console: one page, three views chosen by the query string (?view=review,
// ?payment=pay_..., otherwise the payment search). All data comes from /api/operator/...; the page
// builds its text with textContent only, so nothing a payment carries can become markup.
"use strict";

const api = "/api/operator";
const consolePath = "/api/console/";
const query = new URLSearchParams(location.search);
const filterNames = ["status", "method", "createdFrom", "createdTo", "orderNumber"];
// Also kept in the page's links: the page size (default 25) goes along when paging.

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// In Azure a request whose sign-in lapsed is redirected to Entra ID, which a fetch cannot follow:
// "manual" turns that into an opaque answer, and the page offers the sign-in instead.
async function call(path, options) {
  const response = await fetch(api + path, { credentials: "same-origin", redirect: "manual", ...options, headers: { Accept: "application/json", ...(options && options.headers) } });
  if (response.type === "opaqueredirect" || response.status === 401) {
    const error = new Error("Your sign-in has lapsed or is missing.");
    error.signIn = true;
    throw error;
  }
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const error = new Error(body?.detail ? `${body.title} ${body.detail}` : `The server answered ${response.status}.`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return { status: response.status, body };
}

function showAlert(error) {
  const alert = document.getElementById("alert");
  alert.replaceChildren(error.message);
  if (error.signIn) {
    const back = encodeURIComponent(location.pathname + location.search);
    alert.append(" ", el("a", { href: `/.auth/login/aad?post_login_redirect_uri=${back}` }, "Sign in again"));
  }
  alert.hidden = false;
}

function exponent(currency) {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

function money(minor, currency) {
  const digits = exponent(currency);
  const value = (minor / 10 ** digits).toFixed(digits);
  return `${currency} ${value}`;
}

function when(iso) {
  if (!iso) {
    return "";
  }
  const text = new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  return el("time", { datetime: iso }, text);
}

function paymentLink(id) {
  return el("a", { href: `${consolePath}?payment=${encodeURIComponent(id)}` }, id);
}

function paymentsTable(rows, caption) {
  if (rows.length === 0) {
    return el("p", {}, "No payments match.");
  }
  const head = el("tr", {}, ...["Payment", "Order", "Status", "Method", "Amount", "Created"].map(h => el("th", { scope: "col" }, h)));
  const body = rows.map(p => el("tr", {},
    el("th", { scope: "row" }, paymentLink(p.paymentId)),
    el("td", {}, p.orderNumber),
    el("td", {}, p.status),
    el("td", {}, p.method),
    el("td", { class: "num" }, money(p.amount, p.currency)),
    el("td", {}, when(p.createdAt))));
  return el("table", {}, el("caption", {}, caption), el("thead", {}, head), el("tbody", {}, ...body));
}

// Pages through a list: "Older payments" carries the page's next cursor as after (the list may hand one back
// even when the older days hold nothing more: it walks at most 31 days a page); "First page" drops it.
function pager(target, base, cursor) {
  target.replaceChildren();
  if (query.get("after")) {
    const first = new URLSearchParams(base);
    first.delete("after");
    target.append(el("a", { href: `${consolePath}?${first}` }, "First page"));
  }
  if (cursor) {
    const next = new URLSearchParams(base);
    next.set("after", cursor);
    target.append(el("a", { href: `${consolePath}?${next}` }, "Older payments"));
  }
}

async function listPayments(filters, target, pagerTarget, caption) {
  const params = new URLSearchParams();
  for (const [name, value] of filters) {
    if (value) {
      params.set(name, value);
    }
  }
  params.set("limit", query.get("limit") || "25");
  const { body } = await call(`/payments?${params}`);
  target.replaceChildren(paymentsTable(body.data, caption));
  pager(pagerTarget, query, body.hasMore ? body.next : null);
}

async function showPayments() {
  const form = document.getElementById("search");
  const filters = filterNames.map(name => [name, query.get(name) || ""]);
  for (const [name, value] of filters) {
    form.elements[name].value = value;
  }
  const counts = call("/counts").then(({ body }) => {
    document.getElementById("counts-day").textContent = `(${body.day}, UTC): ${body.total} payments`;
    const items = Object.entries(body.counts).map(([status, count]) =>
      el("li", {}, el("a", { href: `${consolePath}?status=${encodeURIComponent(status)}&createdFrom=${body.day}&createdTo=${body.day}` }, `${status}: ${count}`)));
    document.getElementById("counts").replaceChildren(...items);
  });
  const list = listPayments([...filters, ["after", query.get("after")]], document.getElementById("results"), document.getElementById("pager"), "Newest first");
  await Promise.all([counts, list]);
}

async function showReview() {
  await listPayments([["status", "review"], ["after", query.get("after")]],
    document.getElementById("review-results"), document.getElementById("review-pager"), "Payments in review, newest first");
}

function say(message, isError) {
  const status = document.getElementById("action-status");
  status.textContent = message;
  status.classList.toggle("error", Boolean(isError));
  status.focus();
}

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");
}

function renderPayment(payment) {
  document.getElementById("payment-title").textContent = `Payment ${payment.paymentId}`;
  document.title = `${payment.paymentId} - Payments console`;
  const rows = [
    ["Status", payment.status],
    ["Amount", money(payment.amount, payment.currency)],
    ["Refunded", money(payment.amountRefunded || 0, payment.currency)],
    ["Method", payment.method],
    ["Order number", payment.orderNumber],
  ];
  if (payment.failure) {
    rows.push(["Failure", `${payment.failure.code} ${payment.failure.message || ""}`]);
  }
  if (payment.disputes) {
    // Oldest first; the latest is also payment.dispute.
    rows.push([payment.disputes.length > 1 ? "Disputes" : "Dispute", payment.disputes.map((d) => d.status.replace("_", " ")).join(", ")]);
  }
  document.getElementById("payment-details").replaceChildren(...rows.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]));
  document.getElementById("resolve").hidden = payment.status !== "review";
  const refund = document.getElementById("refund");
  refund.hidden = payment.status !== "succeeded";
  document.getElementById("refund-currency").textContent = `(${payment.currency})`;
  document.getElementById("refund-hint").textContent = `Refunded so far: ${money(payment.amountRefunded || 0, payment.currency)} of ${money(payment.amount, payment.currency)}.`;
}

async function loadTimeline(id) {
  const { body } = await call(`/payments/${encodeURIComponent(id)}/timeline`);
  document.getElementById("timeline").replaceChildren(...body.entries.map(e => el("li", {}, when(e.at), e.summary)));
}

async function refreshPayment(id) {
  const { body } = await call(`/payments/${encodeURIComponent(id)}`);
  renderPayment(body);
  await loadTimeline(id);
  return body;
}

// Runs one action, keeps its button busy meanwhile, then shows the answer and the payment as it now stands.
async function act(button, id, work) {
  button.disabled = true;
  try {
    say(await work(), false);
  } catch (error) {
    say(error.message, true);
  } finally {
    button.disabled = false;
  }
  await refreshPayment(id).catch(showAlert);
}

async function showPayment(id) {
  await refreshPayment(id);
  const post = (path, body, headers) => call(`/payments/${encodeURIComponent(id)}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const check = document.getElementById("check-now");
  check.addEventListener("click", () => act(check, id, async () => {
    const { status, body } = await post("/check", {});
    return status === 202 ? "Oceanpayment did not answer yet (or was asked moments ago); scheduled checks go on." : `Checked: the payment is ${body.status}.`;
  }));

  const resolve = document.getElementById("resolve");
  resolve.addEventListener("submit", event => {
    event.preventDefault();
    const data = new FormData(resolve);
    act(resolve.querySelector("button"), id, async () => {
      const { body } = await post("/resolve", { status: data.get("status"), reason: data.get("reason") });
      resolve.reset();
      return `Review settled: the payment is ${body.status}.`;
    });
  });

  // One key per refund the operator means: a retry after a lost answer sends the same key, so it refunds once.
  const refund = document.getElementById("refund");
  let key = newKey();
  refund.addEventListener("submit", event => {
    event.preventDefault();
    const data = new FormData(refund);
    act(refund.querySelector("button"), id, async () => {
      const currency = document.getElementById("refund-currency").textContent.replace(/[()]/g, "");
      const text = String(data.get("amount") || "").trim();
      const digits = exponent(currency);
      if (text && !new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`).test(text)) {
        throw new Error(`Write the amount like 12${digits ? "." + "5".padEnd(digits, "0") : ""}, or leave it empty to refund everything.`);
      }
      const body = { reason: data.get("reason") || "" };
      if (text) {
        body.amount = Math.round(Number(text) * 10 ** digits);
      }
      const answer = await post("/refunds", body, { "Idempotency-Key": key });
      key = newKey();
      refund.reset();
      return `Refund ${answer.body.refundId} of ${money(answer.body.amount, answer.body.currency || currency)} is ${answer.body.status}.`;
    });
  });
}

async function showWho() {
  const who = document.getElementById("who");
  try {
    const { body } = await call("/whoami");
    who.textContent = `Signed in as ${body.name}${body.signIn === "development" ? " (development sign-in)" : ""}`;
  } catch (error) {
    who.textContent = "Not signed in";
    showAlert(error);
  }
}

async function start() {
  const payment = query.get("payment");
  const view = payment ? "payment" : query.get("view") === "review" ? "review" : "payments";
  document.getElementById(`view-${view}`).hidden = false;
  const current = document.querySelector(`[data-nav="${view}"]`);
  current?.setAttribute("aria-current", "page");
  if (view === "review") {
    document.title = "Review queue - Payments console";
  }
  await showWho();
  try {
    await (view === "payment" ? showPayment(payment) : view === "review" ? showReview() : showPayments());
  } catch (error) {
    showAlert(error);
  }
  document.body.dataset.ready = view;
}

start();
