import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { paymentEvents, payments } from "@/db/schema/payments";
import { SIMULATOR_DEFAULTS } from "@/lib/config/env";
import type { PaymentHandlers, PaymentTransition } from "./apply";
import { PaymentProviderError } from "./provider";
import { closeHostedPayment, openHostedPayment, recheckPendingPayments, recordCashPayment, refreshPayment, refundPayment } from "./service";
import type { PaymentSimulator } from "./simulator";
import type { StripeCheckoutProvider } from "./stripe";
import { startTestPayments } from "./test-helpers";
import { handlePaymentWebhook } from "./webhook";

let sim: PaymentSimulator;
let provider: StripeCheckoutProvider;
const transitions: PaymentTransition[] = [];
const handlers: PaymentHandlers = { test: async (_tx, transition) => void transitions.push(transition) };
const actor = { type: "resident" as const, id: null, label: "テスト住民" };

beforeAll(async () => {
  ({ sim, provider } = await startTestPayments());
});
afterAll(async () => {
  await sim?.close();
});

async function open(amount = 900, subjectId = randomUUID()) {
  const result = await openHostedPayment(
    { subjectType: "test", subjectId, departmentId: null, residentId: null, amount, description: "戸籍謄本 2通", locale: "ja", returnUrls: (id) => ({ successUrl: `http://localhost/return/${id}?session={CHECKOUT_SESSION_ID}`, cancelUrl: `http://localhost/cancel/${id}` }), actor },
    handlers,
    { provider },
  );
  if (!result.ok) throw new Error(result.code);
  return result;
}

/** The last simulator event of `type` for a session, as the signed delivery Stripe would make. */
function deliveryOf(type: string, sessionId: string, timestamp?: number) {
  const event = sim.events.filter((e) => e.type === type && (e.data.object as { id?: string; metadata?: Record<string, string> }).id === sessionId).at(-1)!;
  return { event, ...sim.signedDelivery(event, timestamp) };
}

async function paymentRow(id: string) {
  const db = await getDb();
  return (await db.select().from(payments).where(eq(payments.id, id)))[0]!;
}

async function auditCount(action: string, entityId: string) {
  const db = await getDb();
  return (await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId))))[0]!.n;
}

describe("Stripe Checkout provider against the simulator (same protocol, same SDK)", () => {
  it("creates a hosted session once per idempotency key and refuses the key with other parameters", async () => {
    const request = { idempotencyKey: `k-${randomUUID()}`, reference: "P-TEST-1", amount: 450, description: "住民票", successUrl: "http://localhost/ok", cancelUrl: "http://localhost/back", locale: "ja" as const, expiresAt: new Date(Date.now() + 3600_000), metadata: {} };
    const first = await provider.createCheckout(request);
    const again = await provider.createCheckout(request);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ status: "open", paymentStatus: "unpaid", amount: 450, reference: "P-TEST-1" });
    expect(first.url).toMatch(/\/c\/pay\/cs_test_/);
    await expect(provider.createCheckout({ ...request, amount: 451 })).rejects.toBeInstanceOf(PaymentProviderError);
    expect((await provider.getCheckout(first.id)).status).toBe("open");
  });

  it("refuses a wrong API key and amounts below ¥50, as Stripe does", async () => {
    const { StripeCheckoutProvider } = await import("./stripe");
    const wrong = new StripeCheckoutProvider({ apiBaseUrl: sim.url, secretKey: "sk_test_wrongwrongwrong", webhookSecret: "whsec_x", paymentMethodTypes: ["card"], webhookToleranceSeconds: 300 });
    await expect(wrong.getCheckout("cs_test_x")).rejects.toMatchObject({ retryable: false });
    await expect(provider.createCheckout({ idempotencyKey: randomUUID(), reference: "P", amount: 10, description: "x", successUrl: "http://localhost/", cancelUrl: "http://localhost/", locale: "ja", expiresAt: new Date(Date.now() + 3600_000), metadata: {} })).rejects.toThrow(/at least ¥50/);
  });

  it("signs webhooks exactly as Stripe: the official SDK verifies them", async () => {
    const { session } = { session: (await open()).payment };
    await sim.pay(session.providerSessionId!);
    const { body, signature } = deliveryOf("checkout.session.completed", session.providerSessionId!);
    const stripe = new Stripe("sk_test_unused");
    const event = stripe.webhooks.constructEvent(body, signature, SIMULATOR_DEFAULTS.PAYMENT_WEBHOOK_SECRET);
    expect(event.type).toBe("checkout.session.completed");
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });
});

describe("payments: webhooks, status queries and refunds", () => {
  it("is paid only by a verified webhook; a second delivery and a late expiry change nothing", async () => {
    const { payment } = await open();
    expect(payment.status).toBe("started");
    await sim.pay(payment.providerSessionId!);
    expect((await paymentRow(payment.id)).status).toBe("started");
    const { body, signature, event } = deliveryOf("checkout.session.completed", payment.providerSessionId!);
    expect(await handlePaymentWebhook(body, signature, handlers, { provider })).toMatchObject({ status: 200, transition: "started→success" });
    expect(await handlePaymentWebhook(body, signature, handlers, { provider })).toMatchObject({ status: 200, duplicate: true, transition: null });
    const paid = await paymentRow(payment.id);
    expect(paid).toMatchObject({ status: "success", failure: null });
    expect(paid.providerPaymentId).toMatch(/^pi_/);
    // Out of order: an expiry event for the same session arriving after the payment changes nothing.
    const late = { ...event, id: `evt_late_${randomUUID()}`, type: "checkout.session.expired", data: { object: { ...(event.data.object as object), status: "expired", payment_status: "unpaid" } } };
    const signedLate = sim.signedDelivery(late);
    expect(await handlePaymentWebhook(signedLate.body, signedLate.signature, handlers, { provider })).toMatchObject({ status: 200, transition: null });
    expect((await paymentRow(payment.id)).status).toBe("success");
    expect(transitions.filter((t) => t.payment.id === payment.id).map((t) => t.to)).toEqual(["success"]);
    expect(await auditCount("payment.succeeded", payment.id)).toBe(1);
  });

  it("refuses forged, tampered and replayed webhooks, storing only an audit entry", async () => {
    const db = await getDb();
    const { payment } = await open();
    await sim.pay(payment.providerSessionId!);
    const { event, body } = deliveryOf("checkout.session.completed", payment.providerSessionId!);
    const forged = sim.signedDelivery(event, undefined, "whsec_attacker_guessed_secret");
    const stale = sim.signedDelivery(event, Math.floor(Date.now() / 1000) - 600);
    const valid = sim.signedDelivery(event);
    const [before] = await db.select({ n: count() }).from(paymentEvents);
    const refusedBefore = (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "payment.webhook_refused")))[0]!.n;
    for (const [raw, signature] of [[forged.body, forged.signature], [stale.body, stale.signature], [body.replace("\"paid\"", "\"unpaid\""), valid.signature], [body, null]] as const) {
      expect((await handlePaymentWebhook(raw, signature, handlers, { provider })).status).toBe(400);
    }
    const [after] = await db.select({ n: count() }).from(paymentEvents);
    expect(after!.n).toBe(before!.n);
    const refused = await db.select().from(auditLog).where(eq(auditLog.action, "payment.webhook_refused"));
    expect(refused.length - refusedBefore).toBe(4);
    expect(refused.map((r) => (r.after as { reason: string }).reason)).toEqual(expect.arrayContaining(["bad_signature", "stale_timestamp", "missing_signature"]));
    expect((await paymentRow(payment.id)).status).toBe("started");
  });

  it("a status query settles a payment whose webhook has not arrived; the return URL alone never does", async () => {
    const { payment } = await open();
    await sim.pay(payment.providerSessionId!);
    const fresh = await refreshPayment(payment.id, handlers, { provider });
    expect(fresh).toMatchObject({ status: "success" });
    // The webhook arriving afterwards is logged and changes nothing.
    const { body, signature } = deliveryOf("checkout.session.completed", payment.providerSessionId!);
    expect(await handlePaymentWebhook(body, signature, handlers, { provider })).toMatchObject({ status: 200, duplicate: false, transition: null });
    expect(await auditCount("payment.succeeded", payment.id)).toBe(1);
  });

  it("a resident who goes back fails as cancelled (declined first: still cancelled); an abandoned page expires", async () => {
    const { payment } = await open();
    await sim.decline(payment.providerSessionId!);
    const declined = sim.events.filter((e) => e.type === "payment_intent.payment_failed").at(-1)!;
    const signed = sim.signedDelivery(declined);
    await handlePaymentWebhook(signed.body, signed.signature, handlers, { provider });
    expect((await paymentRow(payment.id)).declinedAt).not.toBeNull();
    const closed = await closeHostedPayment(payment.id, "resident", handlers, { provider });
    expect(closed).toMatchObject({ status: "failed", failure: "cancelled", cancelledBy: "resident" });

    const abandoned = (await open()).payment;
    await sim.expireNow(abandoned.providerSessionId!);
    const { body, signature } = deliveryOf("checkout.session.expired", abandoned.providerSessionId!);
    expect(await handlePaymentWebhook(body, signature, handlers, { provider })).toMatchObject({ transition: "started→failed" });
    expect(await paymentRow(abandoned.id)).toMatchObject({ status: "failed", failure: "expired" });
  });

  it("reuses an open hosted page for the same fee and replaces it when the fee changed", async () => {
    const subjectId = randomUUID();
    const first = await open(900, subjectId);
    expect((await open(900, subjectId)).payment.id).toBe(first.payment.id);
    const changed = await open(1200, subjectId);
    expect(changed.payment.id).not.toBe(first.payment.id);
    expect(await paymentRow(first.payment.id)).toMatchObject({ status: "failed", failure: "cancelled" });
    await sim.pay(changed.payment.providerSessionId!);
    await refreshPayment(changed.payment.id, handlers, { provider });
    const again = await openHostedPayment({ subjectType: "test", subjectId, departmentId: null, residentId: null, amount: 1200, description: "x", locale: "ja", returnUrls: () => ({ successUrl: "http://localhost/", cancelUrl: "http://localhost/" }), actor }, handlers, { provider });
    expect(again).toEqual({ ok: false, code: "already_paid" });
  });

  it("an outage at create leaves the payment in error and a later attempt opens a new page", async () => {
    const subjectId = randomUUID();
    sim.failNextRequests(5, 500);
    const failed = await openHostedPayment({ subjectType: "test", subjectId, departmentId: null, residentId: null, amount: 900, description: "x", locale: "ja", returnUrls: () => ({ successUrl: "http://localhost/", cancelUrl: "http://localhost/" }), actor }, handlers, { provider });
    expect(failed).toEqual({ ok: false, code: "provider_unavailable" });
    const db = await getDb();
    const rows = await db.select().from(payments).where(eq(payments.subjectId, subjectId));
    expect(rows.map((r) => r.status)).toEqual(["error"]);
    expect((await open(900, subjectId)).payment.status).toBe("started");
  });

  it("refunds a paid fee once; a refund the provider fails is recorded as an error", async () => {
    const { payment } = await open();
    await sim.pay(payment.providerSessionId!);
    await refreshPayment(payment.id, handlers, { provider });
    const staff = { type: "staff" as const, id: randomUUID(), label: "審査 職員" };
    const refunded = await refundPayment(payment.id, { reason: "却下のため", actor: staff }, handlers, { provider });
    expect(refunded).toMatchObject({ ok: true, payment: { refundStatus: "success" } });
    expect(await refundPayment(payment.id, { reason: "again", actor: staff }, handlers, { provider })).toEqual({ ok: false, code: "already_refunded" });
    expect(await auditCount("payment.refund_submitted", payment.id)).toBe(1);
    expect(await auditCount("payment.refunded", payment.id)).toBe(1);
    expect(transitions.filter((t) => t.payment.id === payment.id && t.refund).map((t) => t.refund!.to)).toEqual(["success"]);

    const other = (await open()).payment;
    await sim.pay(other.providerSessionId!);
    await refreshPayment(other.id, handlers, { provider });
    sim.failNextRefundAsync();
    expect(await refundPayment(other.id, { reason: "却下", actor: staff }, handlers, { provider })).toMatchObject({ ok: true, payment: { refundStatus: "submitted" } });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const update = sim.events.filter((e) => e.type === "refund.updated").at(-1)!;
    const signed = sim.signedDelivery(update);
    expect(await handlePaymentWebhook(signed.body, signed.signature, handlers, { provider })).toMatchObject({ transition: "refund:submitted→error" });
    expect(await auditCount("payment.refund_failed", other.id)).toBe(1);
  });

  it("reconciliation re-checks pending payments past expiry with the provider", async () => {
    const { payment } = await open();
    await sim.pay(payment.providerSessionId!);
    const db = await getDb();
    await db.update(payments).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(payments.id, payment.id));
    const result = await recheckPendingPayments(handlers, { provider });
    expect(result.checked).toBeGreaterThanOrEqual(1);
    expect((await paymentRow(payment.id)).status).toBe("success");
  });

  it("the database refuses to move a final payment and a second paid payment for one subject", async () => {
    const db = await getDb();
    const subjectId = randomUUID();
    const cash = await recordCashPayment(db, { subjectType: "test", subjectId, departmentId: null, residentId: null, amount: 300, description: "窓口" });
    await expect(db.update(payments).set({ status: "failed", failure: "cancelled", paidAt: null }).where(eq(payments.id, cash.id))).rejects.toThrow();
    await expect(recordCashPayment(db, { subjectType: "test", subjectId, departmentId: null, residentId: null, amount: 300, description: "窓口" })).rejects.toThrow();
    expect(await refundPayment(cash.id, { reason: "返金", actor }, handlers, { provider })).toMatchObject({ ok: true, payment: { refundStatus: "success" } });
  });
});

describe.runIf(inject("testDatabaseUrl"))("payments on PostgreSQL", () => {
  it("50 concurrent deliveries of the same webhook give exactly one transition to paid", async () => {
    const { payment } = await open();
    await sim.pay(payment.providerSessionId!);
    const { body, signature } = deliveryOf("checkout.session.completed", payment.providerSessionId!);
    const before = transitions.length;
    const results = await Promise.all(Array.from({ length: 50 }, () => handlePaymentWebhook(body, signature, handlers, { provider })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.transition === "started→success")).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(49);
    expect(transitions.length - before).toBe(1);
    expect(await auditCount("payment.succeeded", payment.id)).toBe(1);
    const db = await getDb();
    expect((await db.select({ n: count() }).from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id)))[0]!.n).toBe(1);
  });

  it("50 concurrent status queries and webhooks together still pay once", async () => {
    const { payment } = await open();
    await sim.pay(payment.providerSessionId!);
    const { body, signature } = deliveryOf("checkout.session.completed", payment.providerSessionId!);
    await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? handlePaymentWebhook(body, signature, handlers, { provider }) : refreshPayment(payment.id, handlers, { provider }))));
    expect(await auditCount("payment.succeeded", payment.id)).toBe(1);
  });
});
