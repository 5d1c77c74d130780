/**
 * The payment provider behind a small interface: a hosted checkout created with an idempotency key, a signed
 * webhook, a status query and a refund. Stripe Checkout implements it (lib/payments/stripe.ts), against Stripe
 * itself or the local simulator that speaks the same API subset (lib/payments/simulator.ts).
 */

export type CheckoutRequest = {
  /** Same key, same session: a retried create never opens a second hosted page. */
  idempotencyKey: string;
  reference: string;
  amount: number;
  description: string;
  successUrl: string;
  cancelUrl: string;
  locale: "ja" | "en";
  expiresAt: Date;
  metadata: Record<string, string>;
};

export type CheckoutSession = {
  id: string;
  url: string | null;
  status: "open" | "complete" | "expired";
  paymentStatus: "paid" | "unpaid" | "no_payment_required";
  paymentIntentId: string | null;
  amount: number;
  reference: string | null;
  expiresAt: Date;
};

export type ProviderRefund = {
  id: string;
  status: "pending" | "requires_action" | "succeeded" | "failed" | "canceled";
  paymentIntentId: string | null;
  amount: number;
};

export type ProviderEvent = {
  id: string;
  type: string;
  created: Date;
  session: CheckoutSession | null;
  refund: ProviderRefund | null;
  /** payment_intent.payment_failed: a declined attempt on the hosted page. */
  declinedPaymentIntent: { id: string; reference: string | null } | null;
  payload: unknown;
};

export class WebhookVerificationError extends Error {
  constructor(readonly reason: "missing_signature" | "bad_signature" | "stale_timestamp" | "malformed") {
    super(`webhook refused: ${reason}`);
    this.name = "WebhookVerificationError";
  }
}

/** A provider call failed (network, time-out, or the provider refused); the text is for logs, never for users. */
export class PaymentProviderError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = "PaymentProviderError";
  }
}

export interface PaymentProvider {
  readonly name: "stripe";
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  getCheckout(sessionId: string): Promise<CheckoutSession>;
  /** Closes an open hosted page (resident cancelled or staff cancelled); the provider then sends an expired event. */
  expireCheckout(sessionId: string): Promise<CheckoutSession>;
  refund(input: { paymentIntentId: string; amount: number; idempotencyKey: string; reference: string }): Promise<ProviderRefund>;
  getRefund(refundId: string): Promise<ProviderRefund>;
  /** Verifies the signature and its timestamp over the raw body; throws WebhookVerificationError. */
  verifyWebhook(rawBody: string, signatureHeader: string | null): ProviderEvent;
}
