import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db";
import { formSubmissions, formVersions, type FormSubmission } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import { GuardError, runGuarded, type GuardContext, type GuardResult } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { formatWareki, isIsoDate } from "@/lib/dates/wareki";
import { refundPayment, type RefundResult } from "@/lib/payments/service";
import { canDecide, reviewDecisionSchema } from "@/lib/review/decisions";
import type { FormDefinition } from "./definition";
import { notifySubmission } from "./notify";
import { FORM_PAYMENT_HANDLERS } from "./payments";
import { SUBMISSION_SUBJECT } from "./submissions";

const submissionId = z.uuid({ error: "申請が正しく指定されていません。画面を更新してください" });
const STATUS_JA: Record<FormSubmission["status"], string> = { awaiting_payment: "納付待ち", submitted: "審査待ち", returned: "差し戻し中", approved: "承認済み", rejected: "却下済み", withdrawn: "取下げ済み", completed: "処理完了" };

async function departmentOfSubmission(tx: Transaction, id: string): Promise<string[]> {
  const [row] = await tx.select({ departmentId: formSubmissions.departmentId }).from(formSubmissions).where(eq(formSubmissions.id, id));
  if (!row) throw new GuardError(404, "申請が見つかりません。");
  return [row.departmentId];
}

async function lockSubmission(tx: Transaction, id: string): Promise<FormSubmission> {
  const [row] = await tx.select().from(formSubmissions).where(eq(formSubmissions.id, id)).for("update");
  if (!row) throw new GuardError(404, "申請が見つかりません。");
  return row;
}

async function paidPayment(tx: Transaction, id: string) {
  const [row] = await tx.select().from(payments).where(and(eq(payments.subjectType, SUBMISSION_SUBJECT), eq(payments.subjectId, id), eq(payments.status, "success")));
  return row ?? null;
}

export const decideSubmissionOperation = defineOperation({
  action: "form.review",
  schema: reviewDecisionSchema("submissionId", "申請が正しく指定されていません。画面を更新してください"),
  departments: (data, tx) => departmentOfSubmission(tx, data.submissionId),
  run: async ({ data, tx, actor }) => {
    const submission = await lockSubmission(tx, data.submissionId);
    if (!canDecide(submission.status)) throw new GuardError(409, `この申請は${STATUS_JA[submission.status]}のため、判断できません。`);
    const status = data.decision === "approve" ? "approved" : data.decision === "reject" ? "rejected" : "returned";
    const reason = data.decision === "approve" ? null : data.reason;
    const [decided] = await tx.update(formSubmissions).set({ status, statusReason: reason, decidedAt: new Date(), decidedBy: actor.id, updatedAt: new Date() }).where(eq(formSubmissions.id, submission.id)).returning();
    await notifySubmission(tx, decided!, [data.decision === "approve" ? { kind: "approved" } : { kind: data.decision === "reject" ? "rejected" : "returned", reason: reason! }]);
    const paid = data.decision === "reject" ? await paidPayment(tx, submission.id) : null;
    return {
      result: { submission: decided!, refundPaymentId: paid && paid.refundStatus === null ? paid.id : null },
      audit: { action: `form_submission.${data.decision}`, entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { status: submission.status }, after: { status, reason } },
    };
  },
});

/**
 * A decision as the screens make it: a rejected submission that was paid is refunded in full after the decision
 * commits (the provider is never called inside the transaction); the refund has its own audit entries and message.
 */
export async function decideSubmission(context: GuardContext, input: unknown): Promise<GuardResult<{ submission: FormSubmission; refund: RefundResult | null }>> {
  const decided = await runGuarded(context, decideSubmissionOperation, input);
  if (!decided.ok) return decided;
  const { submission, refundPaymentId } = decided.data;
  if (!refundPaymentId || !context.actor) return { ok: true, data: { submission, refund: null } };
  const refund = await refundPayment(refundPaymentId, { reason: submission.statusReason ?? "申請却下", actor: { type: "staff", id: context.actor.id, label: context.actor.displayName } }, FORM_PAYMENT_HANDLERS, { requestId: context.requestId });
  return { ok: true, data: { submission, refund } };
}

/** 交付済み / 発送済み with the date the result left the office. */
export const completeSubmissionOperation = defineOperation({
  action: "form.review",
  schema: z.object({
    submissionId,
    how: z.enum(["issued", "mailed"], { error: "交付か発送かを選んでください" }),
    date: z.string({ error: "日付を入力してください" }).refine(isIsoDate, { error: "日付は YYYY-MM-DD の形で入力してください" }),
  }),
  departments: (data, tx) => departmentOfSubmission(tx, data.submissionId),
  run: async ({ data, tx }) => {
    const submission = await lockSubmission(tx, data.submissionId);
    if (submission.status !== "approved") throw new GuardError(409, `この申請は${STATUS_JA[submission.status]}のため、交付・発送を記録できません。`);
    if (submission.feeAmount && !(await paidPayment(tx, submission.id))) throw new GuardError(409, "手数料の納付が確認できていないため、交付・発送を記録できません。");
    const [done] = await tx.update(formSubmissions).set({ status: "completed", completion: data.how, completedOn: data.date, updatedAt: new Date() }).where(eq(formSubmissions.id, submission.id)).returning();
    await notifySubmission(tx, done!, [{ kind: "completed", how: data.how, date: formatWareki(data.date) }]);
    return { result: done!, audit: { action: `form_submission.${data.how}`, entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { status: submission.status }, after: { status: "completed", how: data.how, date: data.date } } };
  },
});

/** 事後決済: staff fix the fee after confirming the request; the resident is told on LINE and pays from the receipt. */
export const fixFeeOperation = defineOperation({
  action: "form.review",
  schema: z.object({ submissionId, amount: z.coerce.number({ error: "金額を数字で入力してください" }).int({ error: "金額は円単位の整数で入力してください" }).min(50, { error: "金額は50円以上にしてください（決済の下限）" }).max(1_000_000, { error: "金額は100万円以下にしてください" }) }),
  departments: (data, tx) => departmentOfSubmission(tx, data.submissionId),
  run: async ({ data, tx }) => {
    const submission = await lockSubmission(tx, data.submissionId);
    const [version] = await tx.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, submission.versionId));
    if ((version!.definition as FormDefinition).payment.timing !== "after_review") throw new GuardError(409, "この様式の手数料は申請時に決まるため、変更できません。");
    if (submission.status !== "submitted" && submission.status !== "approved") throw new GuardError(409, `この申請は${STATUS_JA[submission.status]}のため、手数料を確定できません。`);
    if (await paidPayment(tx, submission.id)) throw new GuardError(409, "手数料はすでに納付されています。");
    const [fixed] = await tx.update(formSubmissions).set({ feeAmount: data.amount, feeFixedAt: new Date(), updatedAt: new Date() }).where(eq(formSubmissions.id, submission.id)).returning();
    await notifySubmission(tx, fixed!, [{ kind: "payment_needed", amount: data.amount }]);
    return { result: fixed!, audit: { action: "form_submission.fix_fee", entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { feeAmount: submission.feeAmount }, after: { feeAmount: data.amount } } };
  },
});
