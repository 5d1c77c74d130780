import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { formDrafts, formSubmissions, type FormSubmission } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import type { GuardResult } from "@/lib/auth/guard";
import type { PaymentProvider } from "@/lib/payments/provider";
import { refundPayment, type RefundResult } from "@/lib/payments/service";
import { ResidentRefusal } from "@/lib/residents/errors";
import { defineResidentOperation, runResidentGuarded, type ResidentGuardContext } from "@/lib/residents/guard";
import { notifySubmission } from "./notify";
import { FORM_PAYMENT_HANDLERS } from "./payments";
import { SUBMISSION_SUBJECT } from "./submissions";

/** Statuses a resident may still withdraw from: sent and not yet decided, or returned for correction. */
export const WITHDRAWABLE: readonly FormSubmission["status"][] = ["submitted", "returned"];

/** 取下げ by the resident: audited, announced on LINE; a paid fee is refunded after the commit. */
export const withdrawSubmissionOperation = defineResidentOperation({
  action: "form_submission.withdraw",
  schema: z.object({ submissionId: z.uuid() }),
  run: async ({ data, tx, resident }) => {
    const [submission] = await tx.select().from(formSubmissions).where(and(eq(formSubmissions.id, data.submissionId), eq(formSubmissions.residentId, resident.id))).for("update");
    if (!submission) throw new ResidentRefusal(404, { code: "invalid" });
    if (submission.status === "withdrawn") throw new ResidentRefusal(409, { code: "already_withdrawn" });
    if (!WITHDRAWABLE.includes(submission.status)) throw new ResidentRefusal(409, { code: "cannot_withdraw" });
    const [withdrawn] = await tx.update(formSubmissions).set({ status: "withdrawn", statusReason: null, updatedAt: new Date() }).where(eq(formSubmissions.id, submission.id)).returning();
    // A correction in progress has nothing left to correct.
    await tx.delete(formDrafts).where(eq(formDrafts.resubmitsSubmissionId, submission.id));
    await notifySubmission(tx, withdrawn!, [{ kind: "withdrawn" }]);
    const [paid] = await tx.select({ id: payments.id, refundStatus: payments.refundStatus }).from(payments).where(and(eq(payments.subjectType, SUBMISSION_SUBJECT), eq(payments.subjectId, submission.id), eq(payments.status, "success")));
    return {
      result: { submission: withdrawn!, refundPaymentId: paid && paid.refundStatus === null ? paid.id : null },
      audit: { entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { status: submission.status }, after: { status: "withdrawn" } },
    };
  },
});

/**
 * Withdrawal as the resident's screen makes it: a paid fee is refunded in full once the withdrawal has committed
 * (the provider is never called inside the transaction), with its own audit entries and LINE message.
 */
export async function withdrawSubmission(context: ResidentGuardContext, input: unknown, options: { provider?: PaymentProvider } = {}): Promise<GuardResult<{ submission: FormSubmission; refund: RefundResult | null }>> {
  const done = await runResidentGuarded(context, withdrawSubmissionOperation, input);
  if (!done.ok) return done;
  const { submission, refundPaymentId } = done.data;
  if (!refundPaymentId || !context.resident) return { ok: true, data: { submission, refund: null } };
  const refund = await refundPayment(refundPaymentId, { reason: "住民による取下げ", actor: { type: "resident", id: context.resident.id, label: context.resident.displayName } }, FORM_PAYMENT_HANDLERS, { requestId: context.requestId, provider: options.provider });
  return { ok: true, data: { submission, refund } };
}
