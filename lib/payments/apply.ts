import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Database, type Transaction } from "@/db";
import { paymentEvents, payments, type Payment, type PaymentFailure, type PaymentStatus, type RefundStatus } from "@/db/schema/payments";
import { writeAudit, type AuditActor } from "@/lib/audit/log";
import type { CheckoutSession, ProviderEvent, ProviderRefund } from "./provider";
import { changeFromSession, refundChange } from "./states";

export const PAYMENTS_ACTOR: AuditActor = { type: "system", id: "payments", label: "決済" };

/** What changed, handed to the service that owns the payment's subject (e.g. forms) inside the same transaction. */
export type PaymentTransition = {
  payment: Payment;
  from: PaymentStatus;
  to: PaymentStatus;
  failure: PaymentFailure | null;
  refund: { from: RefundStatus | null; to: RefundStatus } | null;
};
export type PaymentSubjectHandler = (tx: Transaction, transition: PaymentTransition) => Promise<void>;
/** Handlers by subjectType; the app layer composes them (payments never imports a service). */
export type PaymentHandlers = Record<string, PaymentSubjectHandler>;

export type Observation = {
  /** The provider's event id, or a synthetic id for a status query result (same result, same id). */
  eventId: string;
  source: "webhook" | "status_query" | "staff";
  type: string;
  payload: unknown;
  session: CheckoutSession | null;
  refund: ProviderRefund | null;
  declinedPaymentIntent: ProviderEvent["declinedPaymentIntent"];
};

export type ApplyResult = { duplicate: boolean; paymentId: string | null; transition: string | null };

export function observationOfEvent(event: ProviderEvent): Observation {
  return { eventId: event.id, source: "webhook", type: event.type, payload: event.payload, session: event.session, refund: event.refund, declinedPaymentIntent: event.declinedPaymentIntent };
}

export function observationOfSession(session: CheckoutSession, source: "status_query" | "staff"): Observation {
  return { eventId: `query:${session.id}:${session.status}:${session.paymentStatus}`, source, type: "checkout.session.retrieved", payload: session, session, refund: null, declinedPaymentIntent: null };
}

export function observationOfRefund(refund: ProviderRefund, source: "status_query" | "staff"): Observation {
  return { eventId: `query:${refund.id}:${refund.status}`, source, type: "refund.retrieved", payload: refund, session: null, refund, declinedPaymentIntent: null };
}

async function lockPayment(tx: Transaction, observation: Observation): Promise<Payment | null> {
  const where = observation.session
    ? sql`provider_session_id = ${observation.session.id}`
    : observation.refund?.paymentIntentId
      ? sql`provider_payment_id = ${observation.refund.paymentIntentId}`
      : observation.declinedPaymentIntent?.reference
        ? sql`reference = ${observation.declinedPaymentIntent.reference}`
        : null;
  if (!where) return null;
  // The row lock serialises every delivery for one payment, so concurrent deliveries apply one at a time.
  const [row] = await tx.select().from(payments).where(sql`${where}`).for("update").limit(1);
  return row ?? null;
}

function auditActionOf(to: PaymentStatus, refund: RefundStatus | null): string {
  if (refund === "success") return "payment.refunded";
  if (refund === "error") return "payment.refund_failed";
  if (refund === "submitted") return "payment.refund_submitted";
  return { created: "payment.created", started: "payment.started", success: "payment.succeeded", failed: "payment.failed", error: "payment.error" }[to];
}

/**
 * Records a provider event or status query once (the payment log, keyed by event id) and applies what it means.
 * A repeated event is recognised by its id; a late one finds the payment final and changes nothing.
 */
export async function applyObservation(observation: Observation, handlers: PaymentHandlers, options: { db?: Database; requestId?: string | null } = {}): Promise<ApplyResult> {
  const db = options.db ?? (await getDb());
  return db.transaction(async (tx) => {
    const payment = await lockPayment(tx, observation);
    const [logged] = await tx
      .insert(paymentEvents)
      .values({ providerEventId: observation.eventId, paymentId: payment?.id ?? null, source: observation.source, type: observation.type, payload: observation.payload as object })
      .onConflictDoNothing({ target: paymentEvents.providerEventId })
      .returning({ id: paymentEvents.id });
    if (!logged) return { duplicate: true, paymentId: payment?.id ?? null, transition: null };
    if (!payment) return { duplicate: false, paymentId: null, transition: null };

    const update: Partial<typeof payments.$inferInsert> = {};
    let change: PaymentTransition["refund"] = null;
    let next = payment.status;
    let failure = payment.failure;
    if (observation.declinedPaymentIntent && payment.declinedAt === null && (payment.status === "created" || payment.status === "started")) {
      update.declinedAt = new Date();
    }
    if (observation.session) {
      const moved = changeFromSession(payment, observation.session, observation.type);
      if (moved) {
        next = moved.status;
        failure = moved.failure;
        Object.assign(update, { status: moved.status, failure: moved.failure, paidAt: moved.status === "success" ? new Date() : null });
        if (observation.session.paymentIntentId) update.providerPaymentId = observation.session.paymentIntentId;
      }
    }
    if (observation.refund && payment.status === "success") {
      const to = refundChange(payment.refundStatus, observation.refund);
      if (to) {
        change = { from: payment.refundStatus, to };
        Object.assign(update, { refundStatus: to, refundId: observation.refund.id, refundedAt: to === "success" ? new Date() : payment.refundedAt });
      }
    }
    if (Object.keys(update).length === 0) return { duplicate: false, paymentId: payment.id, transition: null };

    const [updated] = await tx.update(payments).set({ ...update, updatedAt: new Date() }).where(eq(payments.id, payment.id)).returning();
    const moved = next !== payment.status;
    const transition = moved ? `${payment.status}→${next}` : change ? `refund:${change.from ?? "none"}→${change.to}` : null;
    await tx.update(paymentEvents).set({ transition }).where(eq(paymentEvents.id, logged.id));
    if (!transition) return { duplicate: false, paymentId: payment.id, transition: null };
    await writeAudit(tx, {
      action: auditActionOf(next, moved ? null : change!.to),
      actor: PAYMENTS_ACTOR,
      requestId: options.requestId ?? null,
      entity: "payment",
      entityId: payment.id,
      departmentId: payment.departmentId,
      before: { status: payment.status, refundStatus: payment.refundStatus },
      after: { status: next, failure, refundStatus: updated!.refundStatus, eventId: observation.eventId, source: observation.source, subjectType: payment.subjectType, subjectId: payment.subjectId },
    });
    await handlers[payment.subjectType]?.(tx, { payment: updated!, from: payment.status, to: next, failure, refund: change });
    return { duplicate: false, paymentId: payment.id, transition };
  });
}
