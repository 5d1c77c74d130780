import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { formDrafts, formSubmissions, formVersions } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import { writeAudit } from "@/lib/audit/log";
import { getConfig } from "@/lib/config/env";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { PAYMENTS_ACTOR, type PaymentHandlers, type PaymentSubjectHandler } from "@/lib/payments/apply";
import type { PaymentProvider } from "@/lib/payments/provider";
import { openHostedPayment, type OpenResult } from "@/lib/payments/service";
import type { ResidentActor } from "@/lib/residents/guard";
import { type FormDefinition, textIn } from "./definition";
import { notifySubmission } from "./notify";
import { amountPayable, SUBMISSION_SUBJECT } from "./submissions";

/**
 * A submission's payment changed (verified webhook or status query, inside its transaction): a fee paid on filing
 * sends the submission in and clears the draft; a refund is announced. A failed payment changes nothing: the
 * submission keeps waiting and the draft stays, so the resident can pay again.
 */
export const formPaymentHandler: PaymentSubjectHandler = async (tx, transition) => {
  const [submission] = await tx.select().from(formSubmissions).where(eq(formSubmissions.id, transition.payment.subjectId)).for("update");
  if (!submission) return;
  const dedupeKey = `payment:${transition.payment.id}:${transition.refund ? `refund-${transition.refund.to}` : transition.to}`;
  if (transition.refund?.to === "success") {
    await notifySubmission(tx, submission, [{ kind: "refunded", amount: transition.payment.amount }], { dedupeKey });
    return;
  }
  if (transition.to !== "success" || transition.from === "success") return;
  if (submission.status !== "awaiting_payment") {
    await notifySubmission(tx, submission, [{ kind: "paid", amount: transition.payment.amount }], { dedupeKey });
    return;
  }
  const [submitted] = await tx.update(formSubmissions).set({ status: "submitted", submittedAt: new Date(), updatedAt: new Date() }).where(eq(formSubmissions.id, submission.id)).returning();
  if (submission.residentId) await tx.delete(formDrafts).where(and(eq(formDrafts.formId, submission.formId), eq(formDrafts.residentId, submission.residentId)));
  await writeAudit(tx, { action: "form.submit", actor: PAYMENTS_ACTOR, requestId: null, entity: "form_submission", entityId: submission.id, departmentId: submission.departmentId, before: { status: "awaiting_payment" }, after: { status: "submitted", paymentId: transition.payment.id } });
  await notifySubmission(tx, submitted!, [{ kind: "paid", amount: transition.payment.amount }, { kind: "submitted" }], { dedupeKey });
};

export const FORM_PAYMENT_HANDLERS: PaymentHandlers = { [SUBMISSION_SUBJECT]: formPaymentHandler };

export type PayResult = OpenResult | { ok: false; code: "not_payable" };

/** Opens the hosted payment page for the resident's own submission, if something is owed on it. */
export async function payForSubmission(resident: ResidentActor, input: { submissionId: string; locale: ResidentLocale }, options: { provider?: PaymentProvider; requestId?: string | null } = {}): Promise<PayResult> {
  const db = await getDb();
  const [submission] = await db.select().from(formSubmissions).where(and(eq(formSubmissions.id, input.submissionId), eq(formSubmissions.residentId, resident.id)));
  if (!submission) return { ok: false, code: "not_payable" };
  const [paid] = await db.select({ id: payments.id }).from(payments).where(and(eq(payments.subjectType, SUBMISSION_SUBJECT), eq(payments.subjectId, submission.id), eq(payments.status, "success")));
  const amount = amountPayable(submission, Boolean(paid));
  if (amount === null) return { ok: false, code: paid ? "already_paid" : "not_payable" };
  const [version] = await db.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, submission.versionId));
  const title = textIn((version!.definition as FormDefinition).title, input.locale);
  const appUrl = getConfig().APP_URL.replace(/\/$/, "");
  return openHostedPayment(
    {
      subjectType: SUBMISSION_SUBJECT, subjectId: submission.id, departmentId: submission.departmentId, residentId: resident.id, amount,
      description: `${title}（${submission.reference}）`, locale: input.locale === "en" ? "en" : "ja",
      returnUrls: (paymentId) => ({ successUrl: `${appUrl}/liff/forms/payments/${paymentId}/return`, cancelUrl: `${appUrl}/liff/forms/payments/${paymentId}/cancel` }),
      actor: { type: "resident", id: resident.id, label: resident.displayName },
    },
    FORM_PAYMENT_HANDLERS,
    { provider: options.provider, requestId: options.requestId },
  );
}
