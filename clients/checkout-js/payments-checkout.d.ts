// Types of payments-checkout.js. The payment's shape is the API's PaymentView (docs/openapi.json).

export type PaymentStatus =
  | 'created' | 'processing' | 'requires_action' | 'pending'
  | 'authorised' | 'succeeded' | 'failed' | 'canceled' | 'review' | 'requires_payment_method';

export interface NextAction {
  type: 'redirect' | 'qr_code' | 'sdk' | (string & {});
  redirectUrl?: string;
  qrContent?: string;
  qrImageUrl?: string;
  sdkParameters?: Record<string, string>;
}

export interface Failure {
  /** The gateway's raw code, unchanged. */
  code: string;
  /** A message fit to show the shopper. */
  message: string;
  declineCode?: 'insufficient_funds' | 'authentication_failed' | 'fraud_suspected' | 'customer_canceled' | 'processing_error' | 'generic_decline' | (string & {});
}

/** GET /api/payments/{id} as the API answers it; members not listed here pass through. */
export interface Payment {
  paymentId: string;
  orderNumber: string;
  status: PaymentStatus;
  /** Minor units. */
  amount: number;
  currency: string;
  method: string;
  maskedCard?: string;
  failure?: Failure;
  /** Why the last attempt was declined, while the payment is requires_payment_method. */
  lastFailure?: Failure;
  /** Attempts the shopper may still make (payments created with maxAttempts above 1). */
  attemptsLeft?: number;
  nextAction?: NextAction;
  [member: string]: unknown;
}

export interface SucceededResult { kind: 'succeeded'; payment: Payment }
export interface AuthorisedResult { kind: 'authorised'; payment: Payment }
/** Final for the shopper: a person looks at the payment; it is not failed. */
export interface ReviewResult { kind: 'review'; payment: Payment }
export interface CanceledResult { kind: 'canceled'; payment: Payment }
export interface FailedResult { kind: 'failed'; payment: Payment; failure: Failure | null }
/** The attempt was declined and the payment takes another card: ask the shopper for one and confirm again. */
export interface RequiresPaymentMethodResult { kind: 'requires_payment_method'; payment: Payment; failure: Failure | null; attemptsLeft: number }

/** The browser is being sent to `url` (navigate was called). */
export interface RedirectResult { kind: 'requires_action'; action: 'redirect'; url: string; payment: Payment }
/** onQrCode was called; call waitForResult next. */
export interface QrCodeResult { kind: 'requires_action'; action: 'qr_code'; qrContent: string | null; qrImageUrl: string | null; payment: Payment }
/** onSdk was called; call waitForResult next. */
export interface SdkResult { kind: 'requires_action'; action: 'sdk'; sdkParameters: Record<string, string>; payment: Payment }

/** Not final yet: tell the shopper the payment is being confirmed, never that it failed. */
export interface ProcessingResult { kind: 'processing'; payment: Payment }
/** waitForResult's deadline passed before a final status: still unknown, never "failed". */
export interface TimedOutResult { kind: 'timed_out'; payment: Payment | null }

/**
 * An RFC 9457 problem document from the API (`code` as in docs/errors.md), or one of the helper's own
 * codes: network_error (status 0), http_error (an error answer without a problem document),
 * invalid_response, redirect_refused and next_action_unsupported (status 0).
 */
export interface ErrorResult {
  kind: 'error';
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: Record<string, string[]>;
}

export type FinalResult = SucceededResult | AuthorisedResult | ReviewResult | CanceledResult | FailedResult;
/** What ends a wait: a final status, or a declined attempt waiting for another card. */
export type SettledResult = FinalResult | RequiresPaymentMethodResult;
export type RequiresActionResult = RedirectResult | QrCodeResult | SdkResult;
export type ConfirmResult = SettledResult | RequiresActionResult | ProcessingResult | ErrorResult;
export type CheckResult = SettledResult | ProcessingResult | ErrorResult;
export type WaitResult = SettledResult | TimedOutResult | ErrorResult;
export type CheckoutResult = ConfirmResult | WaitResult;

export interface PollOptions {
  /** The wait before the second status read. Default 1000. */
  initialDelayMs?: number;
  /** Each wait is the previous one times this. Default 1.5. */
  factor?: number;
  /** The longest wait between two reads. Default 5000. */
  maxDelayMs?: number;
  /** How long waitForResult polls before it reports timed_out. Default 120000. */
  timeoutMs?: number;
  /** How long one status read may take before it counts as no answer. Default 15000. */
  requestTimeoutMs?: number;
}

/** Time as the poller sees it; tests pass a fake one. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Confirm body: at most one of card, cardData, walletToken; `{}` for QR and redirect methods. */
export interface ConfirmBody {
  card?: { number: string; expMonth: string; expYear: string; cvc: string };
  cardData?: string;
  walletToken?: unknown;
}

export interface CheckoutOptions {
  paymentId: string;
  /** The payment's client secret, handed to the page by the merchant's server. */
  clientSecret: string;
  /** The payment API's origin, e.g. https://func-payments.azurewebsites.net; empty for the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Follows a redirect next action; default `location.assign`. Only ever called with an http(s) URL. */
  navigate?: (url: string) => void;
  onQrCode?: (action: { qrContent: string | null; qrImageUrl: string | null; payment: Payment }) => void | Promise<void>;
  onSdk?: (action: { sdkParameters: Record<string, string>; payment: Payment }) => void | Promise<void>;
  poll?: PollOptions;
  clock?: Clock;
}

export interface Checkout {
  /** POST /api/payments/{id}/confirm, then the next action. Rejects only when `signal` aborts. */
  confirm(body?: ConfirmBody, options?: { signal?: AbortSignal }): Promise<ConfirmResult>;
  /** One GET /api/payments/{id}. Rejects only when `signal` aborts. */
  check(options?: { signal?: AbortSignal }): Promise<CheckResult>;
  /** Polls with back-off until a final status, a lasting error or the deadline; rejects with `signal.reason` on abort. */
  waitForResult(options?: { signal?: AbortSignal; timeoutMs?: number; onUpdate?: (payment: Payment) => void }): Promise<WaitResult>;
}

export const finalStatuses: readonly ['succeeded', 'authorised', 'failed', 'canceled', 'review'];
export function createCheckout(options: CheckoutOptions): Checkout;
/** The waits between status reads: initialDelayMs, then times factor, capped at maxDelayMs. */
export function backoffDelays(poll?: PollOptions): Generator<number, never>;
/** An absolute http(s) URL, normalised, or null. */
export function safeRedirectUrl(value: unknown): string | null;
