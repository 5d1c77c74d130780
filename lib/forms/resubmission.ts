import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db";
import { formDrafts, forms, formSubmissions, formVersions, type FormDraft, type FormSubmission } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import { ResidentRefusal } from "@/lib/residents/errors";
import { defineResidentOperation } from "@/lib/residents/guard";
import type { FormDefinition } from "./definition";
import { notifySubmission } from "./notify";
import type { Answers } from "./routing";

// SUBMISSION_SUBJECT of submissions.ts, which imports this module (repeated to keep the import one-way).
const SUBJECT = "form_submission";

async function lockOwnSubmission(tx: Transaction, residentId: string, submissionId: string): Promise<FormSubmission> {
  const [row] = await tx.select().from(formSubmissions).where(and(eq(formSubmissions.id, submissionId), eq(formSubmissions.residentId, residentId))).for("update");
  if (!row) throw new ResidentRefusal(404, { code: "invalid" });
  return row;
}

/** The resident's live draft of the form that is not this correction, if any (it would be overwritten). */
export async function otherLiveDraft(tx: Pick<Transaction, "select">, { residentId, formId, submissionId }: { residentId: string; formId: string; submissionId: string }) {
  const [draft] = await tx.select({ id: formDrafts.id, resubmits: formDrafts.resubmitsSubmissionId }).from(formDrafts).where(and(eq(formDrafts.formId, formId), eq(formDrafts.residentId, residentId), gt(formDrafts.expiresAt, new Date())));
  return draft && draft.resubmits !== submissionId ? draft : null;
}

/**
 * 差し戻し → correct and send again: a draft prefilled with the submission's answers on the SAME version it was
 * filed on (never a newer one), marked as correcting it; the LIFF form pages resume it like any draft.
 */
export const startResubmissionOperation = defineResidentOperation({
  action: "form_submission.resubmit_start",
  schema: z.object({ submissionId: z.uuid() }),
  run: async ({ data, tx, resident }) => {
    const submission = await lockOwnSubmission(tx, resident.id, data.submissionId);
    if (submission.status !== "returned") throw new ResidentRefusal(409, { code: "not_returned" });
    const [form] = await tx.select({ code: forms.code }).from(forms).where(eq(forms.id, submission.formId));
    const [existing] = await tx.select().from(formDrafts).where(and(eq(formDrafts.formId, submission.formId), eq(formDrafts.residentId, resident.id))).for("update");
    const audit = { entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId };
    if (existing && existing.resubmitsSubmissionId === submission.id && existing.expiresAt > new Date()) {
      return { result: { draft: existing, formCode: form!.code, resumed: true }, audit: { ...audit, after: { draftId: existing.id, resumed: true } } };
    }
    if (existing && existing.expiresAt > new Date()) throw new ResidentRefusal(409, { code: "resubmit_other_draft" });
    if (existing) await tx.delete(formDrafts).where(eq(formDrafts.id, existing.id));
    const [version] = await tx.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, submission.versionId));
    const days = (version!.definition as FormDefinition).draftDays;
    const [draft] = await tx
      .insert(formDrafts)
      .values({ formId: submission.formId, versionId: submission.versionId, residentId: resident.id, answers: submission.answers, resubmitsSubmissionId: submission.id, expiresAt: sql`now() + make_interval(days => ${days})` })
      .returning();
    return { result: { draft: draft!, formCode: form!.code, resumed: false }, audit: { ...audit, after: { draftId: draft!.id, versionId: submission.versionId } } };
  },
});

/**
 * Files a correction (called by submitDraftOperation in its transaction): the returned submission goes back to
 * review with the corrected answers, same reference and version. A paid fee stays; a correction that would change
 * a fee paid on filing is refused (the office settles that at the counter).
 */
export async function fileResubmission(tx: Transaction, input: { draft: FormDraft; answers: Answers; fee: number | null; version: number }) {
  const submission = await lockOwnSubmission(tx, input.draft.residentId, input.draft.resubmitsSubmissionId!);
  if (submission.status !== "returned" || submission.versionId !== input.draft.versionId) throw new ResidentRefusal(409, { code: "not_returned" });
  const [paid] = await tx.select({ amount: payments.amount }).from(payments).where(and(eq(payments.subjectType, SUBJECT), eq(payments.subjectId, submission.id), eq(payments.status, "success")));
  const onFiling = input.fee !== null && input.fee > 0;
  if (onFiling && paid && paid.amount !== input.fee) throw new ResidentRefusal(409, { code: "resubmit_fee_changed" });
  if (onFiling && !paid) throw new ResidentRefusal(409, { code: "resubmit_fee_unpaid" });
  const [resubmitted] = await tx
    .update(formSubmissions)
    .set({ answers: input.answers, status: "submitted", statusReason: null, submittedAt: new Date(), decidedAt: null, decidedBy: null, updatedAt: new Date() })
    .where(eq(formSubmissions.id, submission.id))
    .returning();
  await tx.delete(formDrafts).where(eq(formDrafts.id, input.draft.id));
  await notifySubmission(tx, resubmitted!, [{ kind: "submitted" }]);
  return {
    result: { submission: resubmitted!, needsPayment: false },
    audit: { action: "form_submission.resubmit", entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { status: "returned", reason: submission.statusReason }, after: { status: "submitted", version: input.version } },
  };
}
