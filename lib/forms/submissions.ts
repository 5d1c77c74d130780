import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { formDrafts, forms, formSubmissions, formVersions } from "@/db/schema/forms";
import { GuardError } from "@/lib/auth/guard";
import { getValidVerification } from "@/lib/jpki/flow";
import { newReference } from "@/lib/payments/reference";
import { ResidentRefusal } from "@/lib/residents/errors";
import { defineResidentOperation } from "@/lib/residents/guard";
import { RESIDENT_LOCALES } from "@/lib/i18n/locale";
import { type IdentityAnswer, validateAnswers } from "./answers";
import { getCleanAttachments } from "./attachments";
import type { FormDefinition } from "./definition";
import { computeFee } from "./fees";
import { notifySubmission } from "./notify";
import { fileResubmission } from "./resubmission";

/** The JPKI purpose a form's identity step is verified for: one verification serves one form. */
export const jpkiPurposeOf = (formId: string) => `form:${formId}`;

/**
 * Files a resident's draft on the version it was started on. A fee due on filing leaves the submission awaiting
 * payment (the draft stays until the payment succeeds); otherwise it is submitted at once and the draft removed.
 */
export const submitDraftOperation = defineResidentOperation({
  action: "form.submit",
  schema: z.object({ draftId: z.uuid(), locale: z.enum(RESIDENT_LOCALES, { error: "表示言語の指定が正しくありません" }).default("ja") }),
  run: async ({ data, tx, resident }) => {
    const [draft] = await tx.select().from(formDrafts).where(and(eq(formDrafts.id, data.draftId), eq(formDrafts.residentId, resident.id), gt(formDrafts.expiresAt, new Date()))).for("update");
    if (!draft) throw new ResidentRefusal(404, { code: "invalid" });
    const [version] = await tx.select().from(formVersions).where(eq(formVersions.id, draft.versionId));
    const [form] = await tx.select().from(forms).where(eq(forms.id, draft.formId));
    const definition = version!.definition as FormDefinition;
    let identity: IdentityAnswer | null = null;
    if (definition.identity === "jpki") {
      const verification = await getValidVerification(tx, resident.id, jpkiPurposeOf(form!.id));
      if (!verification) throw new ResidentRefusal(400, { code: "verification_missing" });
      identity = { name: verification.name, address: verification.address, birthDate: verification.birthdate, gender: verification.gender };
    }
    const attachments = await getCleanAttachments(tx, { residentId: resident.id, formId: form!.id });
    const checked = validateAnswers(definition, draft.answers, { identity, locale: data.locale as "ja", attachments });
    if (!checked.ok) {
      const fieldErrors = Object.fromEntries(checked.problems.map((p) => [p.path, [p.message]]));
      throw new GuardError(400, checked.problems[0]!.message, fieldErrors);
    }
    const fee = definition.payment.timing === "on_filing" ? computeFee(definition, checked.answers).total : definition.payment.timing === "none" ? 0 : null;
    // A correction of a returned submission goes back into review under its own reference.
    if (draft.resubmitsSubmissionId) return fileResubmission(tx, { draft, answers: checked.answers, fee, version: version!.version });
    const needsPayment = definition.payment.timing === "on_filing" && (fee ?? 0) > 0;
    const status = needsPayment ? ("awaiting_payment" as const) : ("submitted" as const);
    // A resident who abandoned the payment and changed an answer files again: the waiting submission is replaced.
    const [waiting] = await tx.select().from(formSubmissions).where(and(eq(formSubmissions.formId, form!.id), eq(formSubmissions.residentId, resident.id), eq(formSubmissions.status, "awaiting_payment"))).for("update");
    const values = { versionId: version!.id, answers: checked.answers, feeAmount: fee, feeFixedAt: fee === null ? null : new Date(), status, submittedAt: needsPayment ? null : new Date(), updatedAt: new Date() };
    const [submission] = waiting
      ? await tx.update(formSubmissions).set(values).where(eq(formSubmissions.id, waiting.id)).returning()
      : await tx.insert(formSubmissions).values({ ...values, reference: newReference("S"), formId: form!.id, departmentId: form!.departmentId, residentId: resident.id, channel: "liff" }).returning();
    if (!needsPayment) {
      await tx.delete(formDrafts).where(eq(formDrafts.id, draft.id));
      await notifySubmission(tx, submission!, [{ kind: "submitted" }]);
    }
    return {
      result: { submission: submission!, needsPayment },
      audit: { action: needsPayment ? "form.submit_awaiting_payment" : "form.submit", entity: "form_submission", entityId: submission!.id, departmentId: form!.departmentId, after: { reference: submission!.reference, version: version!.version, fee, status } },
    };
  },
});

/** What the resident owes on a submission now, or null: the fee on filing, or a fee staff fixed after review. */
export function amountPayable(submission: { status: string; feeAmount: number | null; feeFixedAt: Date | null }, paid: boolean): number | null {
  if (paid || submission.feeAmount === null || submission.feeAmount <= 0) return null;
  if (submission.status === "awaiting_payment") return submission.feeAmount;
  if (submission.feeFixedAt && (submission.status === "submitted" || submission.status === "approved")) return submission.feeAmount;
  return null;
}

export const SUBMISSION_SUBJECT = "form_submission";
