import "server-only";
import { getDb, type Database } from "@/db";
import { writeAudit } from "@/lib/audit/log";
import { applyObservation, observationOfEvent, type PaymentHandlers } from "./apply";
import { getPaymentProvider } from "./config";
import { type PaymentProvider, WebhookVerificationError } from "./provider";

export type WebhookResult = { status: 200 | 400; duplicate: boolean; transition: string | null };

/**
 * `POST /api/payments/webhook`: a forged, tampered or replayed (stale timestamp) delivery is refused with 400 and
 * leaves only an audit entry; a verified one is logged once by event id and applied.
 */
export async function handlePaymentWebhook(rawBody: string, signature: string | null, handlers: PaymentHandlers, options: { db?: Database; provider?: PaymentProvider; requestId?: string | null } = {}): Promise<WebhookResult> {
  const provider = options.provider ?? getPaymentProvider();
  let event;
  try {
    event = provider.verifyWebhook(rawBody, signature);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    const db = options.db ?? (await getDb());
    await writeAudit(db, {
      action: "payment.webhook_refused",
      actor: { type: "anonymous", id: null, label: "決済 Webhook" },
      requestId: options.requestId ?? null,
      entity: "payment_webhook",
      after: { reason: error.reason, bytes: Buffer.byteLength(rawBody) },
    });
    return { status: 400, duplicate: false, transition: null };
  }
  const result = await applyObservation(observationOfEvent(event), handlers, { db: options.db, requestId: options.requestId });
  return { status: 200, duplicate: result.duplicate, transition: result.transition };
}
