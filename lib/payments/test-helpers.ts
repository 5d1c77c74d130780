import { SIMULATOR_DEFAULTS } from "@/lib/config/env";
import { startPaymentSimulator, type PaymentSimulator } from "./simulator";
import { StripeCheckoutProvider } from "./stripe";

/** A payment simulator on a free port and the Stripe provider pointed at it (webhooks are delivered by the test). */
export async function startTestPayments(options: { webhookUrl?: string | null } = {}): Promise<{ sim: PaymentSimulator; provider: StripeCheckoutProvider }> {
  const sim = await startPaymentSimulator({ secretKey: SIMULATOR_DEFAULTS.PAYMENT_SECRET_KEY, webhookSecret: SIMULATOR_DEFAULTS.PAYMENT_WEBHOOK_SECRET, webhookUrl: options.webhookUrl ?? null, retryDelaysMs: [] });
  const provider = new StripeCheckoutProvider({ apiBaseUrl: sim.url, secretKey: SIMULATOR_DEFAULTS.PAYMENT_SECRET_KEY, webhookSecret: SIMULATOR_DEFAULTS.PAYMENT_WEBHOOK_SECRET, paymentMethodTypes: ["card"], webhookToleranceSeconds: 300, timeoutMs: 5000 });
  return { sim, provider };
}
