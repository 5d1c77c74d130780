import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { formDrafts, formSubmissions } from "@/db/schema/forms";
import { lineOutbox } from "@/db/schema/line";
import { residents } from "@/db/schema/residents";
import { runGuarded } from "@/lib/auth/guard";
import { refundPayment } from "@/lib/payments/service";
import type { PaymentSimulator } from "@/lib/payments/simulator";
import type { StripeCheckoutProvider } from "@/lib/payments/stripe";
import { startTestPayments } from "@/lib/payments/test-helpers";
import { handlePaymentWebhook } from "@/lib/payments/webhook";
import { runResidentGuarded } from "@/lib/residents/guard";
import { createActor, createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { createResident, createVerification } from "@/lib/testing/program-factories";
import { KOSEKI_FORM, SURVEY_FORM } from "./demo-definitions";
import { saveDraftAnswersOperation, startOrResumeDraftOperation } from "./drafts";
import { createFormOperation, publishFormOperation } from "./operations";
import { FORM_PAYMENT_HANDLERS, payForSubmission } from "./payments";
import { jpkiPurposeOf, submitDraftOperation } from "./submissions";

let sim: PaymentSimulator;
let provider: StripeCheckoutProvider;
let departmentId: string;
beforeAll(async () => {
  ({ sim, provider } = await startTestPayments());
  departmentId = (await createDepartment()).id;
});
afterAll(async () => {
  await sim?.close();
});

async function liveForm(definition: typeof KOSEKI_FORM) {
  const admin = await createActor([{ departmentId, role: "dept_admin" }]);
  const created = await runGuarded({ actor: admin, requestId: null }, createFormOperation, { departmentId, code: `f-${uniqueSuffix()}`, definition });
  if (!created.ok) throw new Error(created.error);
  await runGuarded({ actor: admin, requestId: null }, publishFormOperation, { formId: created.data.id });
  return created.data;
}

async function residentWithLocale(locale: "ja" | "en") {
  const resident = await createResident();
  const db = await getDb();
  await db.update(residents).set({ locale }).where(eq(residents.id, resident.id));
  return { context: { resident: { id: resident.id, lineUserId: resident.lineUserId, displayName: null }, requestId: null }, resident };
}

const KOSEKI_ANSWERS = { relation: "self", honseki: "北海道上川郡当麻町", head: "役場 太郎", purpose: "passport", phone: "0166-58-2111", accuracy: true, certificates: [{ kind: "tohon", copies: 2 }] };

describe("filing a form with its fee", () => {
  it("戸籍証明書: JPKI, fee on filing; paid by a verified webhook, then submitted, draft cleared, LINE messages in the resident's language; refunded", async () => {
    const form = await liveForm(KOSEKI_FORM);
    const { context, resident } = await residentWithLocale("en");
    const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: form.id });
    if (!started.ok) throw new Error(started.error);
    await runResidentGuarded(context, saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: KOSEKI_ANSWERS, pageId: "contact" });
    // Without the identity step the submission is refused.
    expect(await runResidentGuarded(context, submitDraftOperation, { draftId: started.data.draft.id, locale: "en" })).toMatchObject({ ok: false, resident: { code: "verification_missing" } });
    await createVerification({ residentId: resident.id, purpose: jpkiPurposeOf(form.id), identity: { name: "役場 太郎", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1980-04-01", gender: "male" } });
    const submitted = await runResidentGuarded(context, submitDraftOperation, { draftId: started.data.draft.id, locale: "en" });
    expect(submitted).toMatchObject({ ok: true, data: { needsPayment: true, submission: { status: "awaiting_payment", feeAmount: 450 * 2 + 140 } } });
    if (!submitted.ok) return;
    const submissionId = submitted.data.submission.id;

    const pay = await payForSubmission(context.resident, { submissionId, locale: "en" }, { provider });
    if (!pay.ok) throw new Error(pay.code);
    expect(pay.payment.amount).toBe(1040);
    await sim.pay(pay.payment.providerSessionId!);
    const db = await getDb();
    // Not paid until the verified webhook: the submission still waits and the draft is still there.
    expect((await db.select().from(formSubmissions).where(eq(formSubmissions.id, submissionId)))[0]!.status).toBe("awaiting_payment");
    const event = sim.events.filter((e) => e.type === "checkout.session.completed").at(-1)!;
    const { body, signature } = sim.signedDelivery(event);
    expect(await handlePaymentWebhook(body, signature, FORM_PAYMENT_HANDLERS, { provider })).toMatchObject({ transition: "started→success" });
    await handlePaymentWebhook(body, signature, FORM_PAYMENT_HANDLERS, { provider });
    const [after] = await db.select().from(formSubmissions).where(eq(formSubmissions.id, submissionId));
    expect(after).toMatchObject({ status: "submitted" });
    expect(after!.submittedAt).not.toBeNull();
    expect(await db.select().from(formDrafts).where(eq(formDrafts.id, started.data.draft.id))).toHaveLength(0);
    const messages = await db.select().from(lineOutbox).where(and(eq(lineOutbox.recipients, [resident.lineUserId]), like(lineOutbox.cause, `form_submission:${submissionId}%`)));
    expect(messages).toHaveLength(1);
    const texts = (messages[0]!.messages as { text: string }[]).map((m) => m.text);
    expect(texts[0]).toContain("We received your payment of ¥1,040 for “Family register certificate request”");
    expect(texts[1]).toContain(`Reference: ${after!.reference}`);
    expect(await payForSubmission(context.resident, { submissionId, locale: "en" }, { provider })).toEqual({ ok: false, code: "already_paid" });

    const refund = await refundPayment(pay.payment.id, { reason: "却下", actor: { type: "system", id: null, label: "test" } }, FORM_PAYMENT_HANDLERS, { provider });
    expect(refund).toMatchObject({ ok: true, payment: { refundStatus: "success" } });
    const refunded = await db.select().from(lineOutbox).where(eq(lineOutbox.dedupeKey, `payment:${pay.payment.id}:refund-success`));
    expect((refunded[0]!.messages as { text: string }[])[0]!.text).toContain("We refunded ¥1,040");
  });

  it("a survey without identity or fee is submitted at once with a LINE message", async () => {
    const form = await liveForm(SURVEY_FORM);
    const { context, resident } = await residentWithLocale("ja");
    const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: form.id });
    if (!started.ok) throw new Error(started.error);
    await runResidentGuarded(context, saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: { travel: "bus", bus_trips: 3 }, pageId: "comment" });
    const submitted = await runResidentGuarded(context, submitDraftOperation, { draftId: started.data.draft.id, locale: "ja" });
    expect(submitted).toMatchObject({ ok: true, data: { needsPayment: false, submission: { status: "submitted", feeAmount: 0 } } });
    const db = await getDb();
    const rows = await db.select().from(lineOutbox).where(eq(lineOutbox.recipients, [resident.lineUserId]));
    expect((rows[0]!.messages as { text: string }[])[0]!.text).toContain("「まちの交通アンケート」の申請を受け付けました。");
  });

  it("refuses answers that fail the snapshot, naming the question", async () => {
    const form = await liveForm(SURVEY_FORM);
    const { context } = await residentWithLocale("ja");
    const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: form.id });
    if (!started.ok) throw new Error(started.error);
    await runResidentGuarded(context, saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: { travel: "bus", bus_trips: 99 }, pageId: "bus" });
    expect(await runResidentGuarded(context, submitDraftOperation, { draftId: started.data.draft.id, locale: "ja" })).toMatchObject({ ok: false, status: 400, error: "「1週間に乗る回数」は50以下にしてください" });
  });
});

describe("reviewing form submissions", () => {
  it("a rejected paid submission is refunded, with audit entries and a LINE message; approve then 発送済み; 事後決済 fee fixed then paid", async () => {
    const { decideSubmission, completeSubmissionOperation, fixFeeOperation } = await import("./review");
    const { setPaymentProviderForTests } = await import("@/lib/payments/config");
    const { SODAI_FORM } = await import("./demo-definitions");
    const { auditLog } = await import("@/db/schema/audit");
    setPaymentProviderForTests(provider);
    try {
      const reviewer = await createActor([{ departmentId, role: "reviewer" }]);
      const staff = { actor: reviewer, requestId: null };
      const form = await liveForm(KOSEKI_FORM);
      const db = await getDb();
      const fileAndPay = async () => {
        const { context, resident } = await residentWithLocale("ja");
        const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: form.id });
        if (!started.ok) throw new Error(started.error);
        await runResidentGuarded(context, saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: KOSEKI_ANSWERS, pageId: null });
        await createVerification({ residentId: resident.id, purpose: jpkiPurposeOf(form.id), identity: { name: "役場 花子", address: "北海道上川郡当麻町", birthdate: "1975-10-10" } });
        const submitted = await runResidentGuarded(context, submitDraftOperation, { draftId: started.data.draft.id, locale: "ja" });
        if (!submitted.ok) throw new Error(submitted.error);
        const pay = await payForSubmission(context.resident, { submissionId: submitted.data.submission.id, locale: "ja" }, { provider });
        if (!pay.ok) throw new Error(pay.code);
        await sim.pay(pay.payment.providerSessionId!);
        const { refreshPayment } = await import("@/lib/payments/service");
        await refreshPayment(pay.payment.id, FORM_PAYMENT_HANDLERS, { provider });
        return { submissionId: submitted.data.submission.id, paymentId: pay.payment.id, resident };
      };

      const rejected = await fileAndPay();
      const result = await decideSubmission(staff, { submissionId: rejected.submissionId, decision: "reject", reason: "本籍の記載が確認できません" });
      expect(result).toMatchObject({ ok: true, data: { submission: { status: "rejected" }, refund: { ok: true, payment: { refundStatus: "success" } } } });
      const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, rejected.paymentId))).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(["payment.refund_submitted", "payment.refunded"]));
      const texts = (await db.select().from(lineOutbox).where(eq(lineOutbox.recipients, [rejected.resident.lineUserId]))).flatMap((r) => (r.messages as { text: string }[]).map((m) => m.text));
      expect(texts.some((t) => t.includes("受け付けられませんでした") && t.includes("本籍の記載が確認できません"))).toBe(true);
      expect(texts.some((t) => t.includes("1,040円 を返金しました"))).toBe(true);
      expect(await decideSubmission(staff, { submissionId: rejected.submissionId, decision: "approve" })).toMatchObject({ ok: false, status: 409 });

      const approved = await fileAndPay();
      expect(await decideSubmission(staff, { submissionId: approved.submissionId, decision: "approve" })).toMatchObject({ ok: true, data: { refund: null } });
      expect(await runGuarded(staff, completeSubmissionOperation, { submissionId: approved.submissionId, how: "mailed", date: "2026-12-02" })).toMatchObject({ ok: true, data: { status: "completed", completion: "mailed" } });
      const mailed = (await db.select().from(lineOutbox).where(eq(lineOutbox.recipients, [approved.resident.lineUserId]))).flatMap((r) => (r.messages as { text: string }[]).map((m) => m.text));
      expect(mailed.some((t) => t.includes("令和8年12月2日に郵送しました"))).toBe(true);

      const sodai = await liveForm(SODAI_FORM);
      const { context } = await residentWithLocale("ja");
      const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: sodai.id });
      if (!started.ok) throw new Error(started.error);
      await runResidentGuarded(context, saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: { name: "役場 次郎", address: { postalCode: "078-1392", address: "当麻町3条東2丁目" }, phone: "0166582111", items: [{ item: "たんす", count: 1 }], preferred: "2030-01-10", outside: true }, pageId: null });
      const submitted = await runResidentGuarded(context, submitDraftOperation, { draftId: started.data.draft.id, locale: "ja" });
      expect(submitted).toMatchObject({ ok: true, data: { needsPayment: false, submission: { status: "submitted", feeAmount: null } } });
      if (!submitted.ok) return;
      expect(await payForSubmission(context.resident, { submissionId: submitted.data.submission.id, locale: "ja" }, { provider })).toEqual({ ok: false, code: "not_payable" });
      expect(await runGuarded(staff, fixFeeOperation, { submissionId: submitted.data.submission.id, amount: 1200 })).toMatchObject({ ok: true, data: { feeAmount: 1200 } });
      const pay = await payForSubmission(context.resident, { submissionId: submitted.data.submission.id, locale: "ja" }, { provider });
      expect(pay).toMatchObject({ ok: true, payment: { amount: 1200 } });
    } finally {
      setPaymentProviderForTests(undefined);
    }
  });
});
