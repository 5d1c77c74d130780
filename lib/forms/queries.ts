import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { forms, formSubmissions, formVersions } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import type { FormDefinition } from "./definition";
import { SUBMISSION_SUBJECT } from "./submissions";

/** Live forms residents can file, with their published definitions (the LIFF list). */
export async function getLiveForms(db: Executor): Promise<{ id: string; code: string; version: number; definition: FormDefinition }[]> {
  const rows = await db
    .select({ id: forms.id, code: forms.code, version: formVersions.version, definition: formVersions.definition })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.liveVersionId))
    .where(isNull(forms.archivedAt))
    .orderBy(asc(forms.createdAt));
  return rows.map((row) => ({ ...row, definition: row.definition as FormDefinition }));
}

/** A resident's own submission with its snapshot and latest payment; null for anyone else's. */
export async function getResidentSubmission(db: Executor, { residentId, submissionId }: { residentId: string; submissionId: string }) {
  const [row] = await db
    .select({ submission: formSubmissions, definition: formVersions.definition })
    .from(formSubmissions)
    .innerJoin(formVersions, eq(formVersions.id, formSubmissions.versionId))
    .where(and(eq(formSubmissions.id, submissionId), eq(formSubmissions.residentId, residentId)));
  if (!row) return null;
  const paid = await db.select({ id: payments.id, amount: payments.amount, refundStatus: payments.refundStatus }).from(payments).where(and(eq(payments.subjectType, SUBMISSION_SUBJECT), eq(payments.subjectId, submissionId), eq(payments.status, "success")));
  return { submission: row.submission, definition: row.definition as FormDefinition, payment: paid[0] ?? null };
}

/** The submission a resident's payment belongs to (return and cancel links carry the payment id). */
export async function getResidentPayment(db: Executor, { residentId, paymentId }: { residentId: string; paymentId: string }) {
  const [row] = await db.select().from(payments).where(and(eq(payments.id, paymentId), eq(payments.residentId, residentId), eq(payments.subjectType, SUBMISSION_SUBJECT)));
  return row ?? null;
}
