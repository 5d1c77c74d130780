import { randomUUID } from "node:crypto";
import iconv from "iconv-lite";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { formSubmissions, formVersions } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import { runGuarded } from "@/lib/auth/guard";
import type { PaymentHandlers } from "@/lib/payments/apply";
import { runDailyPaymentRecheck } from "@/lib/payments/jobs";
import { jstDayBounds } from "@/lib/payments/reconciliation";
import { openHostedPayment, recheckPayments } from "@/lib/payments/service";
import type { PaymentSimulator } from "@/lib/payments/simulator";
import type { StripeCheckoutProvider } from "@/lib/payments/stripe";
import { startTestPayments } from "@/lib/payments/test-helpers";
import { createActor, createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { KOSEKI_FORM } from "./demo-definitions";
import { createFormOperation, publishFormOperation } from "./operations";
import {
  claimPendingPaymentsOfDay,
  encodeReconciliationCsv,
  exportPaymentReconciliation,
  reconciliationCsvText,
  viewPaymentReconciliation,
} from "./reconciliation";
import { SUBMISSION_SUBJECT } from "./submissions";

let sim: PaymentSimulator;
let provider: StripeCheckoutProvider;
let departmentId: string;
let admin: Awaited<ReturnType<typeof createActor>>;
const as = () => ({ actor: admin, requestId: null });
const handlers: PaymentHandlers = { test: async () => {} };

beforeAll(async () => {
  ({ sim, provider } = await startTestPayments());
  departmentId = (await createDepartment()).id;
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
});
afterAll(async () => {
  await sim?.close();
});

async function submissionOfNewForm(title: string) {
  const created = await runGuarded(as(), createFormOperation, { departmentId, code: `r-${uniqueSuffix()}`, definition: { ...KOSEKI_FORM, title: { ja: title } } });
  if (!created.ok) throw new Error(created.error);
  await runGuarded(as(), publishFormOperation, { formId: created.data.id });
  return submissionOf(created.data.id);
}

async function submissionOf(formId: string) {
  const db = await getDb();
  const [version] = await db.select().from(formVersions).where(eq(formVersions.formId, formId));
  const [submission] = await db
    .insert(formSubmissions)
    .values({ reference: `S-${uniqueSuffix()}`, formId, versionId: version!.id, departmentId, channel: "counter", answers: {}, status: "submitted", submittedAt: new Date() })
    .returning();
  return submission!;
}

type Seed = Partial<typeof payments.$inferInsert> & { createdAt: Date; amount: number };
async function seedPayment(seed: Seed) {
  const db = await getDb();
  const [row] = await db
    .insert(payments)
    .values({ reference: `P-${uniqueSuffix()}`, subjectType: "test", subjectId: randomUUID(), departmentId, method: "stripe", description: "証明書の手数料", idempotencyKey: `k-${randomUUID()}`, ...seed })
    .returning();
  return row!;
}

describe("daily payment reconciliation", () => {
  it("lists the JST day's payments with totals per state and per form; the day ends at 24:00 JST, not UTC", async () => {
    const day = "2026-06-10";
    const { from, to } = jstDayBounds(day);
    expect(from.toISOString()).toBe("2026-06-09T15:00:00.000Z");
    expect(to.toISOString()).toBe("2026-06-10T15:00:00.000Z");
    const koseki = await submissionOfNewForm("戸籍証明書の交付申請（照合テスト）");
    const juminhyo = await submissionOfNewForm("住民票の写しの交付申請（照合テスト）");
    const kosekiAgain = await submissionOf(koseki.formId);
    const paidAt = new Date("2026-06-10T01:00:00Z");
    // Just before and just after the JST day: not listed.
    await seedPayment({ createdAt: new Date("2026-06-09T14:59:59.999Z"), amount: 100, status: "success", paidAt, method: "cash" });
    await seedPayment({ createdAt: new Date("2026-06-10T15:00:00.000Z"), amount: 200, status: "success", paidAt, method: "cash" });
    // 00:00 JST and 23:59 JST: listed.
    await seedPayment({ createdAt: from, amount: 450, status: "success", paidAt, method: "cash", subjectType: SUBMISSION_SUBJECT, subjectId: koseki.id });
    await seedPayment({ createdAt: new Date(to.getTime() - 1000), amount: 900, status: "failed", failure: "expired", subjectType: SUBMISSION_SUBJECT, subjectId: juminhyo.id });
    await seedPayment({ createdAt: new Date("2026-06-10T03:00:00Z"), amount: 300, status: "success", paidAt, method: "cash", refundStatus: "success", refundReason: "却下のため", subjectType: SUBMISSION_SUBJECT, subjectId: kosekiAgain.id });
    await seedPayment({ createdAt: new Date("2026-06-10T04:00:00Z"), amount: 1040, status: "started" });
    await seedPayment({ createdAt: new Date("2026-06-10T05:00:00Z"), amount: 500, status: "error", errorText: "provider down" });

    const viewed = await runGuarded(as(), viewPaymentReconciliation, { departmentId, day });
    if (!viewed.ok) throw new Error(viewed.error);
    const r = viewed.data;
    expect(r.rows.map((row) => row.amount)).toEqual([450, 300, 1040, 500, 900]);
    const byState = Object.fromEntries(r.byState.filter((s) => s.count > 0).map((s) => [s.state, [s.count, s.amount]]));
    expect(byState).toEqual({ success: [1, 450], failed_expired: [1, 900], refund_success: [1, 300], started: [1, 1040], error: [1, 500] });
    expect(r.total).toEqual({ count: 5, collected: 750, refunded: 300 });
    const koGroup = r.byGroup.find((g) => g.label === "戸籍証明書の交付申請（照合テスト）");
    expect(koGroup).toMatchObject({ count: 2, collected: 750, refunded: 300, pending: 0 });
    expect(r.byGroup.find((g) => g.label === "住民票の写しの交付申請（照合テスト）")).toMatchObject({ count: 1, collected: 0, byState: { failed_expired: 1 } });
    expect(r.byGroup.find((g) => g.label === "（電子申請以外）")).toMatchObject({ count: 2, pending: 1040 });
    const db = await getDb();
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "payment.view"), eq(auditLog.entityId, departmentId)))).toHaveLength(1);

    // Another department's admin cannot read this one's day; bad input is a clear refusal.
    const stranger = await createActor([{ departmentId: (await createDepartment()).id, role: "dept_admin" }]);
    expect(await runGuarded({ actor: stranger, requestId: null }, viewPaymentReconciliation, { departmentId, day })).toMatchObject({ ok: false, status: 403 });
    expect(await runGuarded(as(), viewPaymentReconciliation, { departmentId, day: "2026-13-01" })).toMatchObject({ ok: false, status: 400 });
    const reviewer = await createActor([{ departmentId, role: "reviewer" }]);
    expect(await runGuarded({ actor: reviewer, requestId: null }, viewPaymentReconciliation, { departmentId, day })).toMatchObject({ ok: false, status: 403 });
  });

  it("CSV in UTF-8 with BOM and in Shift_JIS decodes back to the same text", async () => {
    const day = "2026-06-11";
    await seedPayment({ createdAt: new Date("2026-06-11T02:00:00Z"), amount: 450, status: "success", paidAt: new Date("2026-06-11T02:05:00Z"), method: "cash", description: "戸籍謄本 1通, 郵送料" });
    const exported = await runGuarded(as(), exportPaymentReconciliation, { departmentId, day, encoding: "shift_jis" });
    if (!exported.ok) throw new Error(exported.error);
    const text = reconciliationCsvText(exported.data);
    expect(text.split("\r\n")[0]).toBe("決済番号,作成日時（日本時間）,支払日時（日本時間）,状態,方法,金額（円）,様式,申請番号,内容,エラー・返金理由");
    expect(text).toContain('"戸籍謄本 1通, 郵送料"');

    const sjis = encodeReconciliationCsv(text, "shift_jis");
    if (!sjis.ok) throw new Error(sjis.error);
    expect(sjis.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(iconv.decode(sjis.bytes, "cp932")).toBe(text);
    // 決 in Shift_JIS is 0x8C 0x88: the bytes really are Shift_JIS, not UTF-8.
    expect([...sjis.bytes.subarray(0, 2)]).toEqual([0x8c, 0x88]);

    const utf8 = encodeReconciliationCsv(text, "utf-8");
    if (!utf8.ok) throw new Error(utf8.error);
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.bytes.subarray(3).toString("utf8")).toBe(text);

    // A character Shift_JIS cannot hold is a clear refusal, not a garbled file.
    expect(encodeReconciliationCsv("決済,🙂\r\n", "shift_jis")).toMatchObject({ ok: false, error: expect.stringContaining("UTF-8") });
    expect(await runGuarded(as(), exportPaymentReconciliation, { departmentId, day, encoding: "euc-jp" })).toMatchObject({ ok: false, status: 400 });
  });

  it("保留中を再確認: a stale started payment the provider says is paid becomes success; the daily job runs once per JST day", async () => {
    const opened = await openHostedPayment(
      { subjectType: "test", subjectId: randomUUID(), departmentId, residentId: null, amount: 1040, description: "戸籍謄本 2通", locale: "ja", returnUrls: (id) => ({ successUrl: `http://localhost/r/${id}`, cancelUrl: `http://localhost/c/${id}` }), actor: { type: "resident", id: null, label: "住民" } },
      handlers,
      { provider },
    );
    if (!opened.ok) throw new Error(opened.code);
    // Paid at the provider, but the webhook never arrived: still "started" here.
    await sim.pay(opened.payment.providerSessionId!);
    const db = await getDb();
    expect((await db.select().from(payments).where(eq(payments.id, opened.payment.id)))[0]!.status).toBe("started");

    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const claim = await runGuarded(as(), claimPendingPaymentsOfDay, { departmentId, day: today });
    if (!claim.ok) throw new Error(claim.error);
    expect(claim.data.ids).toContain(opened.payment.id);
    const result = await recheckPayments(claim.data.ids, handlers, { provider });
    expect(result).toMatchObject({ failed: 0 });
    expect(result.changed).toBeGreaterThanOrEqual(1);
    const [after] = await db.select().from(payments).where(eq(payments.id, opened.payment.id));
    expect(after).toMatchObject({ status: "success" });
    expect(after!.paidAt).not.toBeNull();
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "payment.recheck"), eq(auditLog.entityId, departmentId)))).toHaveLength(1);

    // The daily job: a second run the same JST day does nothing; the next day runs again.
    const now = new Date("2030-01-01T14:00:00Z"); // 23:00 JST
    expect(await runDailyPaymentRecheck(handlers, { provider, now })).toMatchObject({ ran: true });
    expect(await runDailyPaymentRecheck(handlers, { provider, now: new Date("2030-01-01T14:59:00Z") })).toEqual({ ran: false });
    expect(await runDailyPaymentRecheck(handlers, { provider, now: new Date("2030-01-01T15:00:00Z") })).toMatchObject({ ran: true });
  });
});
