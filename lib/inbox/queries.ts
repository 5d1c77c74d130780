import "server-only";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { filings } from "@/db/schema/filings";
import { forms, formSubmissions } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import { benefitPrograms, householdMembers } from "@/db/schema/programs";
import { applicantNameSql } from "@/lib/forms/review-queries";
import { SUBMISSION_SUBJECT } from "@/lib/forms/submissions";

/** What a staff member must do next: review, fix a 事後決済 fee, or record 交付/発送. */
export type InboxKind = "filing_review" | "submission_review" | "submission_fee" | "submission_completion";
export type InboxItem = { kind: InboxKind; id: string; reference: string; title: string; name: string | null; since: Date; departmentId: string; href: string };

/**
 * Everything awaiting the given departments, oldest first: benefit filings waiting for review (only for
 * departments in `filingDepartmentIds`, where the actor may see them) and form submissions waiting for review,
 * a fee or 交付/発送. A submission approved but still unpaid waits on the resident, not on staff.
 */
export async function getInboxItems(db: Executor, { departmentIds, filingDepartmentIds, limit = 300 }: { departmentIds: string[]; filingDepartmentIds: string[]; limit?: number }): Promise<InboxItem[]> {
  const filingRows = filingDepartmentIds.length
    ? await db
        .select({ id: filings.id, reference: filings.receiptNumber, title: benefitPrograms.name, name: householdMembers.name, since: filings.submittedAt, departmentId: benefitPrograms.departmentId, programId: filings.programId })
        .from(filings)
        .innerJoin(benefitPrograms, eq(benefitPrograms.id, filings.programId))
        .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
        .where(and(eq(filings.status, "submitted"), inArray(benefitPrograms.departmentId, filingDepartmentIds)))
        .orderBy(asc(filings.submittedAt))
        .limit(limit)
    : [];
  const paid = sql<boolean>`exists (select 1 from ${payments} p where p.subject_type = ${SUBMISSION_SUBJECT} and p.subject_id = ${formSubmissions.id} and p.status = 'success')`;
  const submissionRows = departmentIds.length
    ? await db
        .select({ id: formSubmissions.id, reference: formSubmissions.reference, title: forms.title, name: applicantNameSql, status: formSubmissions.status, feeAmount: formSubmissions.feeAmount, paid, submittedAt: formSubmissions.submittedAt, decidedAt: formSubmissions.decidedAt, departmentId: formSubmissions.departmentId })
        .from(formSubmissions)
        .innerJoin(forms, eq(forms.id, formSubmissions.formId))
        .where(and(inArray(formSubmissions.departmentId, departmentIds), inArray(formSubmissions.status, ["submitted", "approved"]), isNotNull(formSubmissions.submittedAt)))
        .orderBy(asc(formSubmissions.submittedAt))
        .limit(limit)
    : [];
  const items: InboxItem[] = filingRows.map((r) => ({ kind: "filing_review", id: r.id, reference: r.reference, title: r.title, name: r.name, since: r.since, departmentId: r.departmentId, href: `/admin/programs/${r.programId}/filings/${r.id}` }));
  for (const r of submissionRows) {
    const href = `/admin/submissions/${r.id}`;
    const base = { id: r.id, reference: r.reference, title: r.title, name: r.name, departmentId: r.departmentId, href };
    if (r.status === "submitted") items.push({ ...base, kind: r.feeAmount === null ? "submission_fee" : "submission_review", since: r.submittedAt! });
    else if (!r.feeAmount || r.paid) items.push({ ...base, kind: "submission_completion", since: r.decidedAt ?? r.submittedAt! });
  }
  return items.sort((a, b) => a.since.getTime() - b.since.getTime() || a.id.localeCompare(b.id)).slice(0, limit);
}
