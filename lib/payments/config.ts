import "server-only";
import { getConfig } from "@/lib/config/env";
import type { PaymentProvider } from "./provider";
import { StripeCheckoutProvider } from "./stripe";

let cached: PaymentProvider | undefined;

/** Stripe Checkout at PAYMENT_API_BASE_URL: api.stripe.com in production, the simulator elsewhere. */
export function getPaymentProvider(): PaymentProvider {
  if (cached) return cached;
  const config = getConfig();
  cached = new StripeCheckoutProvider({
    apiBaseUrl: config.PAYMENT_API_BASE_URL,
    secretKey: config.PAYMENT_SECRET_KEY,
    webhookSecret: config.PAYMENT_WEBHOOK_SECRET,
    paymentMethodTypes: config.PAYMENT_METHOD_TYPES,
    webhookToleranceSeconds: config.PAYMENT_WEBHOOK_TOLERANCE_SECONDS,
  });
  return cached;
}

/** Tests install a provider pointed at their own simulator. */
export function setPaymentProviderForTests(provider: PaymentProvider | undefined): void {
  cached = provider;
}
