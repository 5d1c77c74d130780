import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { auditLog } from "@/db/schema/audit";
import type { FilingStatus } from "@/db/schema/filings";
import { forms, formSubmissions, formVersions, type SubmissionStatus } from "@/db/schema/forms";
import { benefitPrograms } from "@/db/schema/programs";
import { getFilingsByResident } from "@/lib/filings/queries";
import type { LocalizedText } from "@/lib/forms/definition";
import type { FormDefinition } from "@/lib/forms/definition";
import { WITHDRAWABLE } from "@/lib/forms/withdraw";
import { defineResidentOperation } from "@/lib/residents/guard";

type Step<S> = { at: Date; status: S };
export type Application =
  | {
      kind: "filing"; id: string; at: Date; reference: string; status: FilingStatus; reason: string | null;
      program: { name: string; translations: typeof benefitPrograms.$inferSelect.translations }; history: Step<FilingStatus>[];
    }
  | {
      kind: "form"; id: string; at: Date; reference: string; status: SubmissionStatus; reason: string | null;
      title: LocalizedText; formCode: string; history: Step<SubmissionStatus>[]; canWithdraw: boolean; canResubmit: boolean;
    };

/**
 * A form submission's history is read from the audit log: every state change is written there in the change's own
 * transaction (staff decisions, the payment webhook, the resident's withdrawal and resubmission), so it is complete.
 */
const FORM_STEPS: Record<string, SubmissionStatus> = {
  "form.submit_awaiting_payment": "awaiting_payment",
  "form.submit": "submitted",
  "form_submission.resubmit": "submitted",
  "form_submission.approve": "approved",
  "form_submission.reject": "rejected",
  "form_submission.return": "returned",
  "form_submission.issued": "completed",
  "form_submission.mailed": "completed",
  "form_submission.withdraw": "withdrawn",
};

async function formApplications(db: Executor, residentId: string): Promise<Application[]> {
  const rows = await db
    .select({ submission: formSubmissions, definition: formVersions.definition, code: forms.code })
    .from(formSubmissions)
    .innerJoin(formVersions, eq(formVersions.id, formSubmissions.versionId))
    .innerJoin(forms, eq(forms.id, formSubmissions.formId))
    .where(eq(formSubmissions.residentId, residentId))
    .orderBy(desc(formSubmissions.createdAt));
  const ids = rows.map((r) => r.submission.id);
  const entries = ids.length
    ? await db
        .select({ entityId: auditLog.entityId, action: auditLog.action, at: auditLog.at })
        .from(auditLog)
        .where(and(eq(auditLog.entity, "form_submission"), inArray(auditLog.entityId, ids), inArray(auditLog.action, Object.keys(FORM_STEPS))))
        .orderBy(asc(auditLog.at), asc(auditLog.id))
    : [];
  return rows.map(({ submission, definition, code }) => ({
    kind: "form" as const,
    id: submission.id,
    at: submission.submittedAt ?? submission.createdAt,
    reference: submission.reference,
    status: submission.status,
    reason: submission.status === "returned" || submission.status === "rejected" ? submission.statusReason : null,
    title: (definition as FormDefinition).title,
    formCode: code,
    history: entries.filter((e) => e.entityId === submission.id).map((e) => ({ at: e.at, status: FORM_STEPS[e.action]! })),
    canWithdraw: WITHDRAWABLE.includes(submission.status),
    canResubmit: submission.status === "returned",
  }));
}

async function filingApplications(db: Executor, residentId: string): Promise<Application[]> {
  const filings = await getFilingsByResident(db, { residentId });
  const programIds = [...new Set(filings.map((f) => f.programId))];
  const programs = programIds.length ? await db.select({ id: benefitPrograms.id, translations: benefitPrograms.translations }).from(benefitPrograms).where(inArray(benefitPrograms.id, programIds)) : [];
  return filings.map((filing) => ({
    kind: "filing" as const,
    id: filing.id,
    at: filing.submittedAt,
    reference: filing.receiptNumber,
    status: filing.status,
    reason: filing.status === "returned" || filing.status === "rejected" ? filing.decisionReason : null,
    program: { name: filing.programName, translations: programs.find((p) => p.id === filing.programId)?.translations ?? {} },
    history: filing.events.map((e) => ({ at: e.at, status: e.toStatus })),
  }));
}

/** The resident's benefit filings and form submissions together, newest first, each with its history. */
export async function getApplicationsByResident(db: Executor, { residentId }: { residentId: string }): Promise<Application[]> {
  const [filings, submissions] = await Promise.all([filingApplications(db, residentId), formApplications(db, residentId)]);
  return [...filings, ...submissions].sort((a, b) => b.at.getTime() - a.at.getTime() || a.id.localeCompare(b.id));
}

/** "My applications": a view of the resident's own personal data, audited like the benefit status page. */
export const viewOwnApplications = defineResidentOperation({
  action: "application.view_own",
  schema: z.object({}),
  run: async ({ tx, resident }) => {
    const applications = await getApplicationsByResident(tx, { residentId: resident.id });
    return { result: applications, audit: { entity: "resident", entityId: resident.id, after: { filings: applications.filter((a) => a.kind === "filing").length, submissions: applications.filter((a) => a.kind === "form").length } } };
  },
});
