import Stripe from "stripe";
import {
  type CheckoutRequest,
  type CheckoutSession,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderEvent,
  type ProviderRefund,
  WebhookVerificationError,
} from "./provider";

export type StripeProviderOptions = {
  secretKey: string;
  webhookSecret: string;
  /** https://api.stripe.com, or the simulator's loopback address. */
  apiBaseUrl: string;
  paymentMethodTypes: string[];
  webhookToleranceSeconds: number;
  timeoutMs?: number;
};

function toSession(session: Stripe.Checkout.Session): CheckoutSession {
  const intent = session.payment_intent;
  return {
    id: session.id,
    url: session.url ?? null,
    status: session.status === "complete" ? "complete" : session.status === "expired" ? "expired" : "open",
    paymentStatus: session.payment_status === "paid" ? "paid" : session.payment_status === "no_payment_required" ? "no_payment_required" : "unpaid",
    paymentIntentId: typeof intent === "string" ? intent : (intent?.id ?? null),
    amount: session.amount_total ?? 0,
    reference: session.client_reference_id ?? null,
    expiresAt: new Date(session.expires_at * 1000),
  };
}

function toRefund(refund: Stripe.Refund): ProviderRefund {
  const intent = refund.payment_intent;
  return {
    id: refund.id,
    status: (refund.status ?? "pending") as ProviderRefund["status"],
    paymentIntentId: typeof intent === "string" ? intent : (intent?.id ?? null),
    amount: refund.amount,
  };
}

/** Reads the parts of a Stripe event the payment log acts on; everything else is logged as received. */
export function toProviderEvent(event: Stripe.Event): ProviderEvent {
  const object = event.data.object as { object?: string };
  const base = { id: event.id, type: event.type, created: new Date(event.created * 1000), payload: event };
  if (object.object === "checkout.session") {
    return { ...base, session: toSession(object as Stripe.Checkout.Session), refund: null, declinedPaymentIntent: null };
  }
  if (object.object === "refund") return { ...base, session: null, refund: toRefund(object as Stripe.Refund), declinedPaymentIntent: null };
  if (event.type === "payment_intent.payment_failed" && object.object === "payment_intent") {
    const intent = object as Stripe.PaymentIntent;
    return { ...base, session: null, refund: null, declinedPaymentIntent: { id: intent.id, reference: intent.metadata?.reference ?? null } };
  }
  return { ...base, session: null, refund: null, declinedPaymentIntent: null };
}

function providerError(error: unknown): PaymentProviderError {
  if (error instanceof Stripe.errors.StripeError) {
    const retryable = error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError;
    return new PaymentProviderError(`${error.type}: ${error.message}`, retryable);
  }
  return new PaymentProviderError(error instanceof Error ? error.message : String(error), true);
}

/** Stripe Checkout through the official SDK (card, コンビニ and PayPay as the account allows). */
export class StripeCheckoutProvider implements PaymentProvider {
  readonly name = "stripe" as const;
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeProviderOptions) {
    const base = new URL(options.apiBaseUrl);
    const protocol = base.protocol === "http:" ? "http" : "https";
    this.stripe = new Stripe(options.secretKey, {
      host: base.hostname,
      port: base.port || (protocol === "http" ? 80 : 443),
      protocol,
      // The SDK retries with the same Idempotency-Key, so a retried create or refund never doubles.
      maxNetworkRetries: 2,
      timeout: options.timeoutMs ?? 15_000,
      appInfo: { name: "yakuba" },
    });
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw providerError(error);
    }
  }

  createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    return this.call(async () =>
      toSession(
        await this.stripe.checkout.sessions.create(
          {
            mode: "payment",
            client_reference_id: request.reference,
            line_items: [{ quantity: 1, price_data: { currency: "jpy", unit_amount: request.amount, product_data: { name: request.description } } }],
            // A filter on what the account has enabled (the API's successor to payment_method_types).
            allowed_payment_method_types: this.options.paymentMethodTypes as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
            locale: request.locale,
            expires_at: Math.floor(request.expiresAt.getTime() / 1000),
            metadata: { ...request.metadata, reference: request.reference },
            payment_intent_data: { metadata: { reference: request.reference } },
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      ),
    );
  }

  getCheckout(sessionId: string): Promise<CheckoutSession> {
    return this.call(async () => toSession(await this.stripe.checkout.sessions.retrieve(sessionId)));
  }

  expireCheckout(sessionId: string): Promise<CheckoutSession> {
    return this.call(async () => toSession(await this.stripe.checkout.sessions.expire(sessionId)));
  }

  refund(input: { paymentIntentId: string; amount: number; idempotencyKey: string; reference: string }): Promise<ProviderRefund> {
    return this.call(async () =>
      toRefund(
        await this.stripe.refunds.create(
          { payment_intent: input.paymentIntentId, amount: input.amount, reason: "requested_by_customer", metadata: { reference: input.reference } },
          { idempotencyKey: input.idempotencyKey },
        ),
      ),
    );
  }

  getRefund(refundId: string): Promise<ProviderRefund> {
    return this.call(async () => toRefund(await this.stripe.refunds.retrieve(refundId)));
  }

  verifyWebhook(rawBody: string, signatureHeader: string | null): ProviderEvent {
    if (!signatureHeader) throw new WebhookVerificationError("missing_signature");
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.options.webhookSecret, this.options.webhookToleranceSeconds);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new WebhookVerificationError(/Timestamp outside/.test(error.message) ? "stale_timestamp" : "bad_signature");
      }
      throw new WebhookVerificationError("malformed");
    }
    if (!event || typeof event.id !== "string" || !event.data?.object) throw new WebhookVerificationError("malformed");
    return toProviderEvent(event);
  }
}
