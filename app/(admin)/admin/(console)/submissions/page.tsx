import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { RefusedRequest } from "@/components/admin/refused-request";
import { SubmissionQueueTable } from "@/components/submissions/submission-queue-table";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { jstToday } from "@/lib/dates/jst";
import { canUseSomewhere, departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage, runAsCurrentStaff } from "@/lib/auth/session";
import { getDepartments, getDepartmentsByIds } from "@/lib/departments/queries";
import { getDepartmentForms } from "@/lib/forms/review-queries";
import { submissionFilterQuery, submissionQueueInput, submissionQueueSchema } from "@/lib/forms/review-validations";
import { listSubmissionQueue } from "@/lib/forms/review-views";
import { encodeCursor } from "@/lib/review/keyset";

export const metadata: Metadata = { title: "電子申請の審査" };

const DESCRIPTION = "部署の電子申請を審査します。受付番号を開いて内容を確認し、承認・差し戻し・却下、手数料の確定（事後決済）、交付・発送の記録ができます。";

export default async function SubmissionQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage("form.view");
  const raw = await searchParams;
  const input = submissionQueueInput(raw);
  // Audited: the queue shows applicants' names.
  const result = await runAsCurrentStaff(listSubmissionQueue, input);
  if (!result.ok) {
    if (result.status === 403) forbidden();
    if (result.status !== 400) throw new Error(result.error);
    return (
      <>
        <PageHeader title="電子申請の審査" description={DESCRIPTION} />
        <RefusedRequest failure={result} resetHref="/admin/submissions" />
      </>
    );
  }
  const applied = submissionQueueSchema.parse(input);
  const db = await getDb();
  const scope = departmentsFor(actor, "form.view");
  const departments = scope === "all" ? await getDepartments(db) : await getDepartmentsByIds(db, { departmentIds: scope });
  const forms = await getDepartmentForms(db, { departmentIds: applied.departmentId ? [applied.departmentId] : departments.map((d) => d.id) });
  const one = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : undefined);
  return (
    <>
      <PageHeader title="電子申請の審査" description={DESCRIPTION} />
      <SubmissionQueueTable
        rows={result.data.rows}
        nextCursor={result.data.nextCursor ? encodeCursor(result.data.nextCursor) : null}
        previousCursor={result.data.previousCursor ? encodeCursor(result.data.previousCursor) : null}
        canReview={canUseSomewhere(actor, "form.review")}
        filterQuery={submissionFilterQuery(raw)}
        forms={forms.map((f) => ({ id: f.id, title: f.title }))}
        departments={departments.map((d) => ({ id: d.id, name: d.name }))}
        today={jstToday()}
        filters={{ department: applied.departmentId, form: applied.formId, status: one("status") ?? "submitted", payment: applied.payment, from: one("from"), to: one("to"), q: applied.q, dir: applied.dir, limit: applied.limit }}
      />
    </>
  );
}
