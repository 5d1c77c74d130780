import "server-only";
import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { getDb, type Database, type Executor } from "@/db";
import { payments, type Payment } from "@/db/schema/payments";
import { writeAudit, type AuditActor } from "@/lib/audit/log";
import { getConfig } from "@/lib/config/env";
import { applyObservation, observationOfRefund, observationOfSession, PAYMENTS_ACTOR, type PaymentHandlers } from "./apply";
import { getPaymentProvider } from "./config";
import { type PaymentProvider, PaymentProviderError } from "./provider";
import { newReference } from "./reference";

export type PaymentSubject = { subjectType: string; subjectId: string; departmentId: string | null; residentId: string | null };
type Options = { db?: Database; provider?: PaymentProvider; requestId?: string | null };

const OPEN: Payment["status"][] = ["created", "started"];
/** A hosted page this close to its expiry is replaced rather than handed out again. */
const REUSE_MARGIN_MS = 5 * 60_000;

export type OpenResult = { ok: true; payment: Payment; url: string } | { ok: false; code: "already_paid" | "provider_unavailable" };

async function findBySubject(db: Executor, subject: Pick<PaymentSubject, "subjectType" | "subjectId">, statuses: Payment["status"][]): Promise<Payment | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.subjectType, subject.subjectType), eq(payments.subjectId, subject.subjectId), inArray(payments.status, statuses)))
    .limit(1);
  return row;
}

/**
 * Opens (or reuses) the provider's hosted page for a subject's fee. The row exists before the provider is called
 * and its id is the idempotency key, so a retry after a time-out gets the same hosted session, never a second.
 */
export async function openHostedPayment(
  input: PaymentSubject & { amount: number; description: string; locale: "ja" | "en"; returnUrls: (paymentId: string) => { successUrl: string; cancelUrl: string }; actor: AuditActor },
  handlers: PaymentHandlers,
  options: Options = {},
): Promise<OpenResult> {
  const db = options.db ?? (await getDb());
  const provider = options.provider ?? getPaymentProvider();
  if (await findBySubject(db, input, ["success"])) return { ok: false, code: "already_paid" };
  const open = await findBySubject(db, input, OPEN);
  if (open?.hostedUrl && open.amount === input.amount && open.expiresAt && open.expiresAt.getTime() - Date.now() > REUSE_MARGIN_MS) {
    return { ok: true, payment: open, url: open.hostedUrl };
  }
  // A stale or different-amount page is closed at the provider first, so two pages are never payable at once.
  if (open) await closeHostedPayment(open.id, "resident", handlers, { ...options, db, provider });
  if (await findBySubject(db, input, OPEN)) return { ok: false, code: "provider_unavailable" };

  const expiresAt = new Date(Date.now() + getConfig().PAYMENT_SESSION_MINUTES * 60_000);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payments)
      .values({ reference: newReference("P"), subjectType: input.subjectType, subjectId: input.subjectId, departmentId: input.departmentId, residentId: input.residentId, method: "stripe", amount: input.amount, description: input.description, idempotencyKey: `yakuba-pay-${crypto.randomUUID()}`, expiresAt })
      .onConflictDoNothing()
      .returning();
    if (row) {
      await writeAudit(tx, { action: "payment.created", actor: input.actor, requestId: options.requestId ?? null, entity: "payment", entityId: row.id, departmentId: row.departmentId, after: { reference: row.reference, amount: row.amount, subjectType: row.subjectType, subjectId: row.subjectId } });
    }
    return row;
  });
  // Another request opened one at the same moment (partial unique index): hand out that one.
  if (!created) {
    const other = await findBySubject(db, input, OPEN);
    return other?.hostedUrl ? { ok: true, payment: other, url: other.hostedUrl } : { ok: false, code: "provider_unavailable" };
  }
  const urls = input.returnUrls(created.id);
  try {
    const session = await provider.createCheckout({ idempotencyKey: created.idempotencyKey, reference: created.reference, amount: created.amount, description: created.description, successUrl: urls.successUrl, cancelUrl: urls.cancelUrl, locale: input.locale, expiresAt, metadata: { paymentId: created.id, subjectType: created.subjectType, subjectId: created.subjectId } });
    const [started] = await db.transaction(async (tx) => {
      const rows = await tx.update(payments).set({ providerSessionId: session.id, hostedUrl: session.url, expiresAt: session.expiresAt, status: "started", updatedAt: new Date() }).where(and(eq(payments.id, created.id), eq(payments.status, "created"))).returning();
      if (rows[0]) await writeAudit(tx, { action: "payment.started", actor: PAYMENTS_ACTOR, requestId: options.requestId ?? null, entity: "payment", entityId: created.id, departmentId: created.departmentId, after: { status: "started", providerSessionId: session.id } });
      return rows;
    });
    if (!started?.hostedUrl) return { ok: false, code: "provider_unavailable" };
    return { ok: true, payment: started, url: started.hostedUrl };
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    await db.transaction(async (tx) => {
      const rows = await tx.update(payments).set({ status: "error", errorText: error.message.slice(0, 500), updatedAt: new Date() }).where(and(eq(payments.id, created.id), eq(payments.status, "created"))).returning({ id: payments.id });
      if (rows[0]) await writeAudit(tx, { action: "payment.error", actor: PAYMENTS_ACTOR, requestId: options.requestId ?? null, entity: "payment", entityId: created.id, departmentId: created.departmentId, after: { status: "error" } });
    });
    return { ok: false, code: "provider_unavailable" };
  }
}

/** Status query: asks the provider and applies the answer through the payment log (never trusts a return URL). */
export async function refreshPayment(paymentId: string, handlers: PaymentHandlers, options: Options = {}): Promise<Payment | null> {
  const db = options.db ?? (await getDb());
  const provider = options.provider ?? getPaymentProvider();
  const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment) return null;
  if (payment.providerSessionId && OPEN.includes(payment.status)) {
    await applyObservation(observationOfSession(await provider.getCheckout(payment.providerSessionId), "status_query"), handlers, { db, requestId: options.requestId });
  }
  if (payment.refundId && payment.refundStatus === "submitted") {
    await applyObservation(observationOfRefund(await provider.getRefund(payment.refundId), "status_query"), handlers, { db, requestId: options.requestId });
  }
  const [fresh] = await db.select().from(payments).where(eq(payments.id, paymentId));
  return fresh ?? null;
}

/** Closes an open hosted page (the resident went back, or staff cancelled); the payment fails as cancelled. */
export async function closeHostedPayment(paymentId: string, by: "resident" | "staff", handlers: PaymentHandlers, options: Options = {}): Promise<Payment | null> {
  const db = options.db ?? (await getDb());
  const provider = options.provider ?? getPaymentProvider();
  const [marked] = await db.update(payments).set({ cancelledBy: by, updatedAt: new Date() }).where(and(eq(payments.id, paymentId), inArray(payments.status, OPEN))).returning();
  if (!marked) return refreshPayment(paymentId, handlers, { ...options, db, provider });
  if (!marked.providerSessionId) {
    await db.transaction(async (tx) => {
      const rows = await tx.update(payments).set({ status: "failed", failure: "cancelled", updatedAt: new Date() }).where(and(eq(payments.id, paymentId), eq(payments.status, "created"))).returning({ id: payments.id });
      if (rows[0]) await writeAudit(tx, { action: "payment.failed", actor: PAYMENTS_ACTOR, requestId: options.requestId ?? null, entity: "payment", entityId: paymentId, departmentId: marked.departmentId, after: { status: "failed", failure: "cancelled" } });
    });
  } else {
    try {
      await applyObservation(observationOfSession(await provider.expireCheckout(marked.providerSessionId), "staff"), handlers, { db, requestId: options.requestId });
    } catch (error) {
      // Already paid or already expired at the provider: its own answer decides.
      if (!(error instanceof PaymentProviderError) || error.retryable) throw error;
    }
  }
  return refreshPayment(paymentId, handlers, { ...options, db, provider });
}

export type RefundResult = { ok: true; payment: Payment } | { ok: false; code: "not_paid" | "already_refunded" | "provider_unavailable" };

/**
 * Refunds a paid fee in full. Called inside the caller's audited flow (e.g. a rejection); cash is handed back at
 * the counter and recorded as refunded at once. A provider refund is submitted, then settled by its webhook.
 */
export async function refundPayment(paymentId: string, input: { reason: string; actor: AuditActor }, handlers: PaymentHandlers, options: Options = {}): Promise<RefundResult> {
  const db = options.db ?? (await getDb());
  const provider = options.provider ?? getPaymentProvider();
  type Claim = { code: "not_paid" | "already_refunded" } | { code: null; payment: Payment; retry: boolean };
  const claimed = await db.transaction(async (tx): Promise<Claim> => {
    const [row] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!row || row.status !== "success") return { code: "not_paid" as const };
    if (row.refundStatus === "submitted" || row.refundStatus === "success") return { code: "already_refunded" as const };
    const cash = row.method === "cash";
    const [updated] = await tx.update(payments).set({ refundStatus: cash ? "success" : "submitted", refundReason: input.reason, refundedAt: cash ? new Date() : null, updatedAt: new Date() }).where(eq(payments.id, paymentId)).returning();
    await writeAudit(tx, { action: cash ? "payment.refunded" : "payment.refund_submitted", actor: input.actor, requestId: options.requestId ?? null, entity: "payment", entityId: paymentId, departmentId: row.departmentId, before: { refundStatus: row.refundStatus }, after: { refundStatus: updated!.refundStatus, method: row.method, amount: row.amount, reason: input.reason } });
    return { code: null, payment: updated!, retry: row.refundStatus === "error" };
  });
  if (claimed.code !== null) return { ok: false, code: claimed.code };
  if (claimed.payment.method === "cash") return { ok: true, payment: claimed.payment };
  try {
    const key = claimed.retry ? `yakuba-refund-${paymentId}-${Date.now()}` : `yakuba-refund-${paymentId}`;
    const refund = await provider.refund({ paymentIntentId: claimed.payment.providerPaymentId!, amount: claimed.payment.amount, idempotencyKey: key, reference: claimed.payment.reference });
    await db.update(payments).set({ refundId: refund.id }).where(and(eq(payments.id, paymentId), sql`${payments.refundId} is distinct from ${refund.id}`));
    await applyObservation(observationOfRefund(refund, "staff"), handlers, { db, requestId: options.requestId });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    await db.transaction(async (tx) => {
      const rows = await tx.update(payments).set({ refundStatus: "error", errorText: error.message.slice(0, 500), updatedAt: new Date() }).where(and(eq(payments.id, paymentId), eq(payments.refundStatus, "submitted"))).returning({ id: payments.id });
      if (rows[0]) await writeAudit(tx, { action: "payment.refund_failed", actor: PAYMENTS_ACTOR, requestId: options.requestId ?? null, entity: "payment", entityId: paymentId, departmentId: claimed.payment.departmentId, after: { refundStatus: "error" } });
    });
    return { ok: false, code: "provider_unavailable" };
  }
  const [fresh] = await db.select().from(payments).where(eq(payments.id, paymentId));
  return { ok: true, payment: fresh! };
}

/** Cash taken at the counter, inside the counter operation's transaction (its guard writes the staff audit entry). */
export async function recordCashPayment(tx: Executor, input: PaymentSubject & { amount: number; description: string }): Promise<Payment> {
  const [row] = await tx
    .insert(payments)
    .values({ reference: newReference("P"), ...input, method: "cash", status: "success", paidAt: new Date(), idempotencyKey: `yakuba-cash-${crypto.randomUUID()}` })
    .returning();
  return row!;
}

/** Asks the provider about each payment and applies its answer; a provider failure is counted, not thrown. */
export async function recheckPayments(ids: readonly string[], handlers: PaymentHandlers, options: Options = {}): Promise<{ checked: number; failed: number; changed: number }> {
  const db = options.db ?? (await getDb());
  let failed = 0;
  let changed = 0;
  for (const id of ids) {
    try {
      const [before] = await db.select({ status: payments.status, refundStatus: payments.refundStatus }).from(payments).where(eq(payments.id, id));
      const after = await refreshPayment(id, handlers, { ...options, db });
      if (before && after && (before.status !== after.status || before.refundStatus !== after.refundStatus)) changed++;
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      failed++;
    }
  }
  return { checked: ids.length, failed, changed };
}

/** Reconciliation: re-checks with the provider every open payment past its page's expiry and every submitted refund. */
export async function recheckPendingPayments(handlers: PaymentHandlers, options: Options & { limit?: number } = {}): Promise<{ checked: number; failed: number; changed: number }> {
  const db = options.db ?? (await getDb());
  const due = await db
    .select({ id: payments.id })
    .from(payments)
    .where(or(and(inArray(payments.status, OPEN), lt(payments.expiresAt, new Date())), and(eq(payments.refundStatus, "submitted"), isNotNull(payments.refundId))))
    .limit(options.limit ?? 500);
  return recheckPayments(due.map((row) => row.id), handlers, { ...options, db });
}
