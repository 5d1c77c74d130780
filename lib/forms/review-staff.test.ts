import iconv from "iconv-lite";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { formSubmissions } from "@/db/schema/forms";
import { lineOutbox } from "@/db/schema/line";
import { payments } from "@/db/schema/payments";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { runResidentGuarded } from "@/lib/residents/guard";
import { createActor, createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { createResident } from "@/lib/testing/program-factories";
import { fileFormAtCounter } from "./counter";
import { KOSEKI_FORM, SODAI_FORM, SURVEY_FORM } from "./demo-definitions";
import { saveDraftAnswersOperation, startOrResumeDraftOperation } from "./drafts";
import { createFormOperation, publishFormOperation } from "./operations";
import { completeSubmissionOperation, decideSubmission, fixFeeOperation } from "./review";
import { bulkApproveSubmissions, bulkMailSubmissions } from "./review-bulk";
import { submissionCsv } from "./review-csv";
import { exportSubmissions, listSubmissionQueue } from "./review-views";
import { submitDraftOperation } from "./submissions";
import { getInboxItems } from "@/lib/inbox/queries";

let departmentId: string;
let otherDepartmentId: string;
let admin: StaffActor;
let reviewer: StaffActor;
let clerk: StaffActor;
let otherReviewer: StaffActor;
const as = (actor: StaffActor) => ({ actor, requestId: null });

async function liveForm(definition: typeof KOSEKI_FORM, department = departmentId) {
  const owner = await createActor([{ departmentId: department, role: "dept_admin" }]);
  const created = await runGuarded(as(owner), createFormOperation, { departmentId: department, code: `f-${uniqueSuffix()}`, definition });
  if (!created.ok) throw new Error(created.error);
  await runGuarded(as(owner), publishFormOperation, { formId: created.data.id });
  return created.data;
}

const IDENTITY = { name: "窓口 花子", address: "北海道上川郡当麻町3条東2丁目11番1号", birthDate: "1970-05-05" };
const KOSEKI_ANSWERS = { relation: "self", honseki: "北海道上川郡当麻町", head: "窓口 太郎", purpose: "passport", phone: "0166-58-2111", accuracy: true, certificates: [{ kind: "tohon", copies: 1 }] };
const SODAI_ANSWERS = { name: "粗大 次郎", address: { postalCode: "078-1392", address: "当麻町3条東2丁目" }, phone: "0166582111", items: [{ item: "たんす", count: 1 }], preferred: "2030-01-10", outside: true };

let koseki: { id: string };
let sodai: { id: string };
beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  otherDepartmentId = (await createDepartment()).id;
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
  reviewer = await createActor([{ departmentId, role: "reviewer" }]);
  clerk = await createActor([{ departmentId, role: "counter" }]);
  otherReviewer = await createActor([{ departmentId: otherDepartmentId, role: "reviewer" }]);
  koseki = await liveForm(KOSEKI_FORM);
  sodai = await liveForm(SODAI_FORM);
});

async function counterKoseki() {
  const filed = await runGuarded(as(clerk), fileFormAtCounter, { formId: koseki.id, answers: KOSEKI_ANSWERS, identity: IDENTITY, identityDocument: "drivers_license", cashReceived: true });
  if (!filed.ok) throw new Error(filed.error);
  return filed.data.submission;
}
async function counterSodai(formId = sodai.id, actor = clerk) {
  const filed = await runGuarded(as(actor), fileFormAtCounter, { formId, answers: SODAI_ANSWERS, identityDocument: "other" });
  if (!filed.ok) throw new Error(filed.error);
  return filed.data.submission;
}

describe("counter entry of a paper form", () => {
  it("records the fee received in cash, channel counter, submitted for review, audited", async () => {
    const submission = await counterKoseki();
    expect(submission).toMatchObject({ channel: "counter", status: "submitted", feeAmount: 590, residentId: null });
    expect((submission.answers as { applicant: { name: string } }).applicant.name).toBe("窓口 花子");
    const db = await getDb();
    const [payment] = await db.select().from(payments).where(eq(payments.subjectId, submission.id));
    expect(payment).toMatchObject({ method: "cash", status: "success", amount: 590 });
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(inArray(auditLog.entityId, [submission.id, payment!.id]))).map((r) => r.action);
    expect(actions.sort()).toEqual(["form_submission.counter_submit", "payment.cash_recorded"]);
  });

  it("refuses bad answers naming the question, a missing identity or unconfirmed cash, and writes nothing", async () => {
    const db = await getDb();
    const before = (await db.select({ id: formSubmissions.id }).from(formSubmissions)).length;
    const survey = await liveForm(SURVEY_FORM);
    expect(await runGuarded(as(clerk), fileFormAtCounter, { formId: survey.id, answers: { travel: "bus", bus_trips: 99 }, identityDocument: "other" })).toMatchObject({ ok: false, status: 400, error: "「1週間に乗る回数」は50以下にしてください", fieldErrors: { "answers.bus_trips": ["「1週間に乗る回数」は50以下にしてください"] } });
    expect(await runGuarded(as(clerk), fileFormAtCounter, { formId: koseki.id, answers: KOSEKI_ANSWERS, identityDocument: "drivers_license", cashReceived: true })).toMatchObject({ ok: false, status: 400, fieldErrors: { identity: expect.any(Array) } });
    expect(await runGuarded(as(clerk), fileFormAtCounter, { formId: koseki.id, answers: KOSEKI_ANSWERS, identity: IDENTITY, identityDocument: "drivers_license" })).toMatchObject({ ok: false, status: 400, error: "手数料 590円 を現金で受け取ったことを確認してください" });
    // Another department's clerk cannot enter this department's form.
    const otherClerk = await createActor([{ departmentId: otherDepartmentId, role: "counter" }]);
    expect(await runGuarded(as(otherClerk), fileFormAtCounter, { formId: sodai.id, answers: SODAI_ANSWERS, identityDocument: "other" })).toMatchObject({ ok: false, status: 403 });
    expect((await db.select({ id: formSubmissions.id }).from(formSubmissions)).length).toBe(before);
  });
});

describe("fixing a 事後決済 fee", () => {
  it("accepts 0 or at least 50 yen only while submitted, sends the LIFF resident a pay link in their language, audited", async () => {
    const resident = await createResident();
    const context = { resident: { id: resident.id, lineUserId: resident.lineUserId, displayName: null }, requestId: null };
    const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: sodai.id });
    if (!started.ok) throw new Error(started.error);
    await runResidentGuarded(context, saveDraftAnswersOperation, { draftId: started.data.draft.id, answers: SODAI_ANSWERS, pageId: null });
    const submitted = await runResidentGuarded(context, submitDraftOperation, { draftId: started.data.draft.id, locale: "ja" });
    if (!submitted.ok) throw new Error(submitted.error);
    const submissionId = submitted.data.submission.id;
    expect(await runGuarded(as(reviewer), fixFeeOperation, { submissionId, amount: -1 })).toMatchObject({ ok: false, status: 400, fieldErrors: { amount: ["金額は0円以上にしてください"] } });
    expect(await runGuarded(as(reviewer), fixFeeOperation, { submissionId, amount: 30 })).toMatchObject({ ok: false, status: 400 });
    expect(await runGuarded(as(otherReviewer), fixFeeOperation, { submissionId, amount: 800 })).toMatchObject({ ok: false, status: 403 });
    expect(await runGuarded(as(reviewer), fixFeeOperation, { submissionId, amount: 800 })).toMatchObject({ ok: true, data: { feeAmount: 800 } });
    const db = await getDb();
    const texts = (await db.select().from(lineOutbox).where(eq(lineOutbox.recipients, [resident.lineUserId]))).flatMap((r) => (r.messages as { text: string }[]).map((m) => m.text));
    expect(texts.some((t) => t.includes("手数料が 800円 に決まりました") && t.includes(`/forms/submissions/${submissionId}`))).toBe(true);
    expect((await db.select().from(auditLog).where(and(eq(auditLog.entityId, submissionId), eq(auditLog.action, "form_submission.fix_fee"))))[0]).toMatchObject({ before: { feeAmount: null }, after: { feeAmount: 800 } });
    // Once decided, the fee is no longer fixed here; a fee on filing is never changed.
    await decideSubmission(as(reviewer), { submissionId, decision: "approve" });
    expect(await runGuarded(as(reviewer), fixFeeOperation, { submissionId, amount: 900 })).toMatchObject({ ok: false, status: 409 });
    const paper = await counterKoseki();
    expect(await runGuarded(as(reviewer), fixFeeOperation, { submissionId: paper.id, amount: 100 })).toMatchObject({ ok: false, status: 409, error: "この様式の手数料は申請時に決まるため、変更できません。" });
    const free = await counterSodai();
    expect(await runGuarded(as(reviewer), fixFeeOperation, { submissionId: free.id, amount: 0 })).toMatchObject({ ok: true, data: { feeAmount: 0 } });
  });
});

describe("bulk actions", () => {
  it("approve selected: all or nothing, each refusal named by its reference; another department's submission is refused", async () => {
    const a = await counterSodai();
    const b = await counterSodai();
    const decided = await counterSodai();
    await decideSubmission(as(reviewer), { submissionId: decided.id, decision: "approve" });
    const refused = await runGuarded(as(reviewer), bulkApproveSubmissions, { submissionIds: [a.id, decided.id, b.id] });
    expect(refused).toMatchObject({ ok: false, status: 409, fieldErrors: { [decided.reference]: ["この申請は承認済みのため、判断できません。"] } });
    const db = await getDb();
    expect((await db.select({ status: formSubmissions.status }).from(formSubmissions).where(inArray(formSubmissions.id, [a.id, b.id]))).map((r) => r.status)).toEqual(["submitted", "submitted"]);
    const elsewhere = await counterSodai((await liveForm(SODAI_FORM, otherDepartmentId)).id, await createActor([{ departmentId: otherDepartmentId, role: "counter" }]));
    expect(await runGuarded(as(reviewer), bulkApproveSubmissions, { submissionIds: [a.id, elsewhere.id] })).toMatchObject({ ok: false, status: 403 });
    expect((await db.select({ status: formSubmissions.status }).from(formSubmissions).where(eq(formSubmissions.id, a.id)))[0]!.status).toBe("submitted");
    expect(await runGuarded(as(reviewer), bulkApproveSubmissions, { submissionIds: [a.id, b.id] })).toMatchObject({ ok: true, data: { approved: 2 } });
    expect((await db.select().from(auditLog).where(and(inArray(auditLog.entityId, [a.id, b.id]), eq(auditLog.action, "form_submission.approve"))))).toHaveLength(2);
  });

  it("mark selected 発送済み: refuses the whole run while one is unpaid; paid or free ones are marked with the date", async () => {
    const paid = await counterKoseki();
    const unpaid = await counterSodai();
    await runGuarded(as(reviewer), fixFeeOperation, { submissionId: unpaid.id, amount: 1200 });
    await runGuarded(as(reviewer), bulkApproveSubmissions, { submissionIds: [paid.id, unpaid.id] });
    expect(await runGuarded(as(reviewer), bulkMailSubmissions, { submissionIds: [paid.id, unpaid.id], date: "2026-12-03" })).toMatchObject({ ok: false, status: 409, fieldErrors: { [unpaid.reference]: ["手数料の納付が確認できていないため、交付・発送を記録できません。"] } });
    expect(await runGuarded(as(reviewer), bulkMailSubmissions, { submissionIds: [paid.id], date: "2026-12-03" })).toMatchObject({ ok: true, data: { mailed: 1 } });
    const [row] = await (await getDb()).select().from(formSubmissions).where(eq(formSubmissions.id, paid.id));
    expect(row).toMatchObject({ status: "completed", completion: "mailed", completedOn: "2026-12-03" });
    expect(await runGuarded(as(reviewer), completeSubmissionOperation, { submissionId: paid.id, how: "issued", date: "2026-12-04" })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("queue, CSV and inbox", () => {
  it("the queue filters by status, payment state and name or reference, department-scoped, audited", async () => {
    const named = await counterKoseki();
    const page = await runGuarded(as(reviewer), listSubmissionQueue, { departmentId, status: "submitted", payment: "paid", q: "窓口花子" });
    if (!page.ok) throw new Error(page.error);
    expect(page.data.rows.map((r) => r.id)).toContain(named.id);
    expect(page.data.rows.every((r) => r.paymentState === "paid" && r.status === "submitted" && r.applicantName === "窓口 花子")).toBe(true);
    const byReference = await runGuarded(as(reviewer), listSubmissionQueue, { departmentId, q: named.reference.toLowerCase() });
    expect(byReference).toMatchObject({ ok: true, data: { rows: [{ id: named.id }] } });
    expect(await runGuarded(as(otherReviewer), listSubmissionQueue, { departmentId })).toMatchObject({ ok: false, status: 403 });
    const others = await runGuarded(as(otherReviewer), listSubmissionQueue, {});
    expect(others.ok && others.data.rows.some((r) => r.id === named.id)).toBe(false);
  });

  it("exports the filtered list as UTF-8 with BOM or Shift_JIS", async () => {
    const exported = await runGuarded(as(reviewer), exportSubmissions, { departmentId, q: "窓口花子", status: "submitted" });
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.data.length).toBeGreaterThan(0);
    const utf8 = submissionCsv(exported.data, "utf-8");
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.toString("utf8").slice(1);
    expect(text.split("\r\n")[0]).toBe("受付番号,様式,申請者,状態,方法,手数料（円）,納付,申請日時（日本時間）,交付・発送,交付・発送日");
    expect(text).toContain(`,戸籍証明書の交付申請,窓口 花子,審査待ち,窓口,590,納付済み,`);
    const sjis = submissionCsv(exported.data, "shift_jis");
    expect(sjis[0]).not.toBe(0xef);
    expect(iconv.decode(sjis, "cp932")).toBe(text);
  });

  it("the inbox lists what awaits the departments: review, fee and 交付/発送, not another department's", async () => {
    const review = await counterKoseki();
    const fee = await counterSodai();
    const done = await counterKoseki();
    await decideSubmission(as(reviewer), { submissionId: done.id, decision: "approve" });
    const elsewhere = await counterSodai((await liveForm(SODAI_FORM, otherDepartmentId)).id, await createActor([{ departmentId: otherDepartmentId, role: "counter" }]));
    const items = await getInboxItems(await getDb(), { departmentIds: [departmentId], filingDepartmentIds: [departmentId] });
    const kinds = new Map(items.map((i) => [i.id, i.kind]));
    expect(kinds.get(review.id)).toBe("submission_review");
    expect(kinds.get(fee.id)).toBe("submission_fee");
    expect(kinds.get(done.id)).toBe("submission_completion");
    expect(kinds.has(elsewhere.id)).toBe(false);
    expect(items.find((i) => i.id === review.id)).toMatchObject({ reference: review.reference, name: "窓口 花子", href: `/admin/submissions/${review.id}` });
    void admin;
  });
});
