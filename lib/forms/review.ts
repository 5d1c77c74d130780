import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { formSubmissions, formVersions, type FormSubmission } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import { GuardError, runGuarded, type GuardContext, type GuardResult } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { formatWareki } from "@/lib/dates/wareki";
import { refundPayment, type RefundResult } from "@/lib/payments/service";
import { canDecide } from "@/lib/review/decisions";
import { completeSubmissionSchema, fixFeeSchema, SUBMISSION_STATUS_LABELS, submissionDecisionSchema } from "./review-validations";
import type { FormDefinition } from "./definition";
import { notifySubmission } from "./notify";
import { FORM_PAYMENT_HANDLERS } from "./payments";
import { SUBMISSION_SUBJECT } from "./submissions";

export async function departmentOfSubmission(tx: Transaction, id: string): Promise<string[]> {
  const [row] = await tx.select({ departmentId: formSubmissions.departmentId }).from(formSubmissions).where(eq(formSubmissions.id, id));
  if (!row) throw new GuardError(404, "申請が見つかりません。");
  return [row.departmentId];
}

export async function lockSubmission(tx: Transaction, id: string): Promise<FormSubmission> {
  const [row] = await tx.select().from(formSubmissions).where(eq(formSubmissions.id, id)).for("update");
  if (!row) throw new GuardError(404, "申請が見つかりません。");
  return row;
}

async function paidPayment(tx: Transaction, id: string) {
  const [row] = await tx.select().from(payments).where(and(eq(payments.subjectType, SUBMISSION_SUBJECT), eq(payments.subjectId, id), eq(payments.status, "success")));
  return row ?? null;
}

/** Why a submission cannot be decided now, or null. */
export function decisionRefusal(submission: FormSubmission): string | null {
  return canDecide(submission.status) ? null : `この申請は${SUBMISSION_STATUS_LABELS[submission.status]}のため、判断できません。`;
}

/** Records a decision on a locked submission and queues its LINE message; returns the row and its audit draft. */
export async function applyDecision(tx: Transaction, submission: FormSubmission, actorId: string, data: ReviewDecisionInput) {
  const status = data.decision === "approve" ? "approved" : data.decision === "reject" ? "rejected" : "returned";
  const reason = data.decision === "approve" ? null : data.reason;
  const [decided] = await tx.update(formSubmissions).set({ status, statusReason: reason, decidedAt: new Date(), decidedBy: actorId, updatedAt: new Date() }).where(eq(formSubmissions.id, submission.id)).returning();
  await notifySubmission(tx, decided!, [data.decision === "approve" ? { kind: "approved" } : { kind: data.decision === "reject" ? "rejected" : "returned", reason: reason! }]);
  const audit = { action: `form_submission.${data.decision}`, entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { status: submission.status }, after: { status, reason } };
  return { decided: decided!, audit };
}

type ReviewDecisionInput = { decision: "approve" } | { decision: "reject" | "return"; reason: string };

export const decideSubmissionOperation = defineOperation({
  action: "form.review",
  schema: submissionDecisionSchema,
  departments: (data, tx) => departmentOfSubmission(tx, data.submissionId),
  run: async ({ data, tx, actor }) => {
    const submission = await lockSubmission(tx, data.submissionId);
    const refusal = decisionRefusal(submission);
    if (refusal) throw new GuardError(409, refusal);
    const { decided, audit } = await applyDecision(tx, submission, actor.id, data);
    const paid = data.decision === "reject" ? await paidPayment(tx, submission.id) : null;
    return { result: { submission: decided, refundPaymentId: paid && paid.refundStatus === null ? paid.id : null }, audit };
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

/** Why a submission cannot be marked 交付済み/発送済み now, or null: it must be approved and its fee paid. */
export async function completionRefusal(tx: Transaction, submission: FormSubmission): Promise<string | null> {
  if (submission.status !== "approved") return `この申請は${SUBMISSION_STATUS_LABELS[submission.status]}のため、交付・発送を記録できません。`;
  if (submission.feeAmount && !(await paidPayment(tx, submission.id))) return "手数料の納付が確認できていないため、交付・発送を記録できません。";
  return null;
}

/** Records 交付済み/発送済み on a locked, checked submission and queues its LINE message. */
export async function applyCompletion(tx: Transaction, submission: FormSubmission, how: "issued" | "mailed", date: string) {
  const [done] = await tx.update(formSubmissions).set({ status: "completed", completion: how, completedOn: date, updatedAt: new Date() }).where(eq(formSubmissions.id, submission.id)).returning();
  await notifySubmission(tx, done!, [{ kind: "completed", how, date: formatWareki(date) }]);
  const audit = { action: `form_submission.${how}`, entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { status: submission.status }, after: { status: "completed", how, date } };
  return { done: done!, audit };
}

/** 交付済み / 発送済み with the date the result left the office. */
export const completeSubmissionOperation = defineOperation({
  action: "form.review",
  schema: completeSubmissionSchema,
  departments: (data, tx) => departmentOfSubmission(tx, data.submissionId),
  run: async ({ data, tx }) => {
    const submission = await lockSubmission(tx, data.submissionId);
    const refusal = await completionRefusal(tx, submission);
    if (refusal) throw new GuardError(409, refusal);
    const { done, audit } = await applyCompletion(tx, submission, data.how, data.date);
    return { result: done, audit };
  },
});

/** 事後決済: staff fix the fee after confirming the request; the resident is told on LINE and pays from the receipt. */
export const fixFeeOperation = defineOperation({
  action: "form.review",
  schema: fixFeeSchema,
  departments: (data, tx) => departmentOfSubmission(tx, data.submissionId),
  run: async ({ data, tx }) => {
    const submission = await lockSubmission(tx, data.submissionId);
    const [version] = await tx.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, submission.versionId));
    if ((version!.definition as FormDefinition).payment.timing !== "after_review") throw new GuardError(409, "この様式の手数料は申請時に決まるため、変更できません。");
    if (submission.status !== "submitted") throw new GuardError(409, `この申請は${SUBMISSION_STATUS_LABELS[submission.status]}のため、手数料を確定できません。`);
    if (await paidPayment(tx, submission.id)) throw new GuardError(409, "手数料はすでに納付されています。");
    const [fixed] = await tx.update(formSubmissions).set({ feeAmount: data.amount, feeFixedAt: new Date(), updatedAt: new Date() }).where(eq(formSubmissions.id, submission.id)).returning();
    // 0円 means nothing is owed (e.g. a free item): no pay link is sent.
    if (data.amount > 0) await notifySubmission(tx, fixed!, [{ kind: "payment_needed", amount: data.amount }]);
    return { result: fixed!, audit: { action: "form_submission.fix_fee", entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { feeAmount: submission.feeAmount }, after: { feeAmount: data.amount } } };
  },
});
