import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { formDrafts, formSubmissions } from "@/db/schema/forms";
import { lineOutbox } from "@/db/schema/line";
import { payments } from "@/db/schema/payments";
import { runGuarded } from "@/lib/auth/guard";
import { submitFiling } from "@/lib/filings/core";
import { KOSEKI_FORM, SURVEY_FORM } from "@/lib/forms/demo-definitions";
import { saveDraftAnswersOperation, startOrResumeDraftOperation } from "@/lib/forms/drafts";
import { publishFormOperation, saveFormDraftOperation } from "@/lib/forms/operations";
import { FORM_PAYMENT_HANDLERS, payForSubmission } from "@/lib/forms/payments";
import { startResubmissionOperation } from "@/lib/forms/resubmission";
import { decideSubmission } from "@/lib/forms/review";
import { jpkiPurposeOf, submitDraftOperation } from "@/lib/forms/submissions";
import { withdrawSubmission } from "@/lib/forms/withdraw";
import type { PaymentSimulator } from "@/lib/payments/simulator";
import type { StripeCheckoutProvider } from "@/lib/payments/stripe";
import { startTestPayments } from "@/lib/payments/test-helpers";
import { handlePaymentWebhook } from "@/lib/payments/webhook";
import { runResidentGuarded } from "@/lib/residents/guard";
import { RESIDENT_MESSAGES } from "@/lib/i18n/messages";
import { residentErrorText } from "@/lib/i18n/resident-errors";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createLiveForm, createResidentIn, fileForm } from "@/lib/testing/form-factories";
import { createHousehold, createProgram, createVerification } from "@/lib/testing/program-factories";
import { getApplicationsByResident, viewOwnApplications } from "./queries";

let sim: PaymentSimulator;
let provider: StripeCheckoutProvider;
let departmentId: string;
let survey: { id: string; code: string };
beforeAll(async () => {
  ({ sim, provider } = await startTestPayments());
  departmentId = (await createDepartment()).id;
  survey = await createLiveForm(departmentId, SURVEY_FORM);
});
afterAll(async () => {
  await sim?.close();
});

type Who = Awaited<ReturnType<typeof createResidentIn>>;

const fileSurvey = (who: Who, answers: Record<string, unknown> = { travel: "bus", bus_trips: 3 }) => fileForm(who, survey.id, answers);

async function reviewer() {
  return createActor([{ departmentId, role: "reviewer" }]);
}

async function decide(submissionId: string, decision: "approve" | "reject" | "return", reason?: string) {
  const result = await decideSubmission({ actor: await reviewer(), requestId: null }, { submissionId, decision, reason });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

const KOSEKI_ANSWERS = { relation: "self", honseki: "北海道上川郡当麻町", head: "役場 太郎", purpose: "passport", phone: "0166-58-2111", accuracy: true, certificates: [{ kind: "tohon", copies: 1 }] };

/** A 戸籍 application filed with JPKI and its fee paid on the payment simulator (webhook delivered). */
async function fileAndPayKoseki(locale: "ja" | "en") {
  const koseki = await createLiveForm(departmentId, KOSEKI_FORM);
  const who = await createResidentIn(locale);
  const started = await runResidentGuarded(who.context, startOrResumeDraftOperation, { formId: koseki.id });
  if (!started.ok) throw new Error(started.error);
  await runResidentGuarded(who.context, saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: KOSEKI_ANSWERS, pageId: "contact" });
  await createVerification({ residentId: who.resident.id, purpose: jpkiPurposeOf(koseki.id), identity: { name: "役場 太郎", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1980-04-01", gender: "male" } });
  const filed = await runResidentGuarded(who.context, submitDraftOperation, { draftId: started.data.draft.id, locale });
  if (!filed.ok) throw new Error(filed.error);
  const pay = await payForSubmission(who.context.resident, { submissionId: filed.data.submission.id, locale }, { provider });
  if (!pay.ok) throw new Error(pay.code);
  await sim.pay(pay.payment.providerSessionId!);
  const { body, signature } = sim.signedDelivery(sim.events.filter((e) => e.type === "checkout.session.completed").at(-1)!);
  await handlePaymentWebhook(body, signature, FORM_PAYMENT_HANDLERS, { provider });
  return { who, filed, pay };
}

async function traces(submissionId: string) {
  const db = await getDb();
  const [row] = await db.select().from(formSubmissions).where(eq(formSubmissions.id, submissionId));
  const audits = await db.select().from(auditLog).where(and(eq(auditLog.entity, "form_submission"), eq(auditLog.entityId, submissionId)));
  // Oldest first: without an order PostgreSQL may return an updated (sent) row after a newer one.
  const messages = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `form_submission:${submissionId}%`)).orderBy(lineOutbox.createdAt);
  return { status: row!.status, audits: audits.length, messages: messages.length, messageTexts: messages.flatMap((m) => (m.messages as { text: string }[]).map((x) => x.text)) };
}

describe("my applications: benefit filings and form submissions together", () => {
  it("lists both kinds newest first, each with its status and history, and only the resident's own; the view is audited", async () => {
    const who = await createResidentIn("ja");
    const stranger = await createResidentIn("ja");
    const program = await createProgram({ departmentId });
    const household = await createHousehold({ programId: program.id });
    const db = await getDb();
    const filing = await db.transaction((tx) => submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: "line", residentId: who.resident.id }));
    const first = await fileSurvey(who);
    await decide(first.id, "return", "バスの回数を確認してください");
    const second = await fileSurvey(who, { travel: "walk" });
    await fileSurvey(stranger);

    const list = await getApplicationsByResident(db, { residentId: who.resident.id });
    expect(list.map((a) => [a.kind, a.id])).toEqual([["form", second.id], ["form", first.id], ["filing", filing.id]]);
    const returned = list[1]!;
    expect(returned).toMatchObject({ kind: "form", status: "returned", reason: "バスの回数を確認してください", reference: first.reference, canResubmit: true, canWithdraw: true, formCode: survey.code });
    expect(returned.history.map((h) => h.status)).toEqual(["submitted", "returned"]);
    expect(returned.history[0]!.at.getTime()).toBeLessThanOrEqual(returned.history[1]!.at.getTime());
    expect(list[2]).toMatchObject({ kind: "filing", status: "submitted", reference: filing.receiptNumber, program: { name: program.name } });
    expect(list[2]!.history.map((h) => h.status)).toEqual(["submitted"]);

    const viewed = await runResidentGuarded(who.context, viewOwnApplications, {});
    expect(viewed).toMatchObject({ ok: true, data: [{ id: second.id }, { id: first.id }, { id: filing.id }] });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "application.view_own"), eq(auditLog.entityId, who.resident.id)))).toHaveLength(1);
  });
});

describe("withdrawing a form submission", () => {
  it("while not yet decided: withdrawn, audited, a LINE message in the resident's language; a second time is refused", async () => {
    const who = await createResidentIn("en");
    const submission = await fileSurvey(who);
    const before = await traces(submission.id);
    const done = await withdrawSubmission(who.context, { submissionId: submission.id });
    expect(done).toMatchObject({ ok: true, data: { submission: { status: "withdrawn" }, refund: null } });
    const after = await traces(submission.id);
    expect(after.status).toBe("withdrawn");
    expect(after.audits).toBe(before.audits + 1);
    expect(after.messageTexts.at(-1)).toMatch(/^You withdrew your application “.+”\.\nReference: /);
    expect(await withdrawSubmission(who.context, { submissionId: submission.id })).toMatchObject({ ok: false, status: 409, resident: { code: "already_withdrawn" } });
    const db = await getDb();
    const list = await getApplicationsByResident(db, { residentId: who.resident.id });
    expect(list[0]!.history.map((h) => h.status)).toEqual(["submitted", "withdrawn"]);
    expect(list[0]).toMatchObject({ canWithdraw: false, canResubmit: false });
  });

  it("once decided it is refused and writes nothing; nor can another resident withdraw it", async () => {
    const who = await createResidentIn("ja");
    const other = await createResidentIn("ja");
    const approved = await fileSurvey(who);
    await decide(approved.id, "approve");
    const before = await traces(approved.id);
    expect(await withdrawSubmission(who.context, { submissionId: approved.id })).toMatchObject({ ok: false, status: 409, resident: { code: "cannot_withdraw" } });
    expect(await withdrawSubmission(other.context, { submissionId: approved.id })).toMatchObject({ ok: false, status: 404 });
    expect(await traces(approved.id)).toEqual(before);
    expect(before.status).toBe("approved");
  });

  it("a paid submission is refunded after the withdrawal commits, with audit entries and a LINE message", async () => {
    const { who, filed, pay } = await fileAndPayKoseki("ja");

    const done = await withdrawSubmission(who.context, { submissionId: filed.data.submission.id }, { provider });
    expect(done).toMatchObject({ ok: true, data: { submission: { status: "withdrawn" }, refund: { ok: true } } });
    const db = await getDb();
    const [payment] = await db.select().from(payments).where(eq(payments.id, pay.payment.id));
    expect(payment!.refundStatus).toBe("success");
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entity, "payment"), eq(auditLog.entityId, pay.payment.id), eq(auditLog.action, "payment.refund_submitted")))).toHaveLength(1);
    const refunded = await db.select().from(lineOutbox).where(eq(lineOutbox.dedupeKey, `payment:${pay.payment.id}:refund-success`));
    expect((refunded[0]!.messages as { text: string }[])[0]!.text).toContain("を返金しました");
  });
});

describe("resubmitting after 差し戻し", () => {
  it("opens a draft prefilled on the SAME version even after a new one is published; filing it resubmits the same submission", async () => {
    const form = await createLiveForm(departmentId, SURVEY_FORM);
    const who = await createResidentIn("ja-easy");
    const submission = await fileForm(who, form.id, { travel: "bus", bus_trips: 40 });
    // Not returned: nothing to correct.
    expect(await runResidentGuarded(who.context, startResubmissionOperation, { submissionId: submission.id })).toMatchObject({ ok: false, status: 409, resident: { code: "not_returned" } });
    await decide(submission.id, "return", "回数が多すぎます");
    // The department publishes version 2 meanwhile.
    const admin = await createActor([{ departmentId, role: "dept_admin" }]);
    const edited = await runGuarded({ actor: admin, requestId: null }, saveFormDraftOperation, { formId: form.id, definition: { ...SURVEY_FORM, title: { ja: "交通アンケート（改）" } } });
    expect(edited.ok).toBe(true);
    expect((await runGuarded({ actor: admin, requestId: null }, publishFormOperation, { formId: form.id })).ok).toBe(true);

    const opened = await runResidentGuarded(who.context, startResubmissionOperation, { submissionId: submission.id });
    expect(opened).toMatchObject({ ok: true, data: { formCode: form.code, resumed: false, draft: { versionId: submission.versionId, resubmitsSubmissionId: submission.id, answers: { travel: "bus", bus_trips: 40 } } } });
    if (!opened.ok) return;
    // The form pages resume that very draft.
    expect(await runResidentGuarded(who.context, startOrResumeDraftOperation, { formId: form.id })).toMatchObject({ ok: true, data: { resumed: true, draft: { id: opened.data.draft.id } } });
    await runResidentGuarded(who.context, saveDraftAnswersOperation, { draftId: opened.data.draft.id, answers: { travel: "bus", bus_trips: 4 }, pageId: "comment" });
    const refiled = await runResidentGuarded(who.context, submitDraftOperation, { draftId: opened.data.draft.id, locale: "ja" });
    expect(refiled).toMatchObject({ ok: true, data: { needsPayment: false, submission: { id: submission.id, reference: submission.reference, versionId: submission.versionId, status: "submitted", statusReason: null, answers: { bus_trips: 4 } } } });
    const db = await getDb();
    expect(await db.select().from(formDrafts).where(eq(formDrafts.id, opened.data.draft.id))).toHaveLength(0);
    expect(await db.select().from(formSubmissions).where(eq(formSubmissions.residentId, who.resident.id))).toHaveLength(1);
    const [listed] = await getApplicationsByResident(db, { residentId: who.resident.id });
    expect(listed!.history.map((h) => h.status)).toEqual(["submitted", "returned", "submitted"]);
    // Back in review: staff can decide it again.
    expect((await decide(submission.id, "approve")).submission.status).toBe("approved");
  });

  it("a correction that would change a fee paid on filing is refused in the resident's language, and nothing changes", async () => {
    const { who, filed } = await fileAndPayKoseki("en");
    await decide(filed.data.submission.id, "return", "通数を確認してください");

    const opened = await runResidentGuarded(who.context, startResubmissionOperation, { submissionId: filed.data.submission.id });
    if (!opened.ok) throw new Error(opened.error);
    // Three copies instead of one: the fee would change.
    await runResidentGuarded(who.context, saveDraftAnswersOperation, { draftId: opened.data.draft.id, answers: { ...KOSEKI_ANSWERS, certificates: [{ kind: "tohon", copies: 3 }] }, pageId: "contact" });
    const refused = await runResidentGuarded(who.context, submitDraftOperation, { draftId: opened.data.draft.id, locale: "en" });
    expect(refused).toMatchObject({ ok: false, status: 409, resident: { code: "resubmit_fee_changed" } });
    if (refused.ok || !refused.resident) return;
    expect(residentErrorText(RESIDENT_MESSAGES.en, refused.resident)).toBe("Your corrections would change the fee, so they cannot be sent from this page. Please contact the department in charge.");
    const [row] = await (await getDb()).select().from(formSubmissions).where(eq(formSubmissions.id, filed.data.submission.id));
    expect(row).toMatchObject({ status: "returned", answers: { certificates: [{ kind: "tohon", copies: 1 }] } });
  });
});
