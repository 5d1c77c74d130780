import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { formSubmissions } from "@/db/schema/forms";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { departmentsFor, type Action, type StaffActor } from "@/lib/auth/permissions";
import { getDepartments } from "@/lib/departments/queries";
import { getSubmissionDetail, getSubmissionExportRows, getSubmissionQueuePage } from "./review-queries";
import { submissionExportSchema, submissionQueueSchema, submissionViewSchema } from "./review-validations";

/** The departments a list covers: the one asked for, or every one where the actor may use the action. */
export async function listDepartments(tx: Transaction, actor: StaffActor, action: Action, departmentId: string | undefined): Promise<string[]> {
  if (departmentId) return [departmentId];
  const scope = departmentsFor(actor, action);
  return scope === "all" ? (await getDepartments(tx)).map((d) => d.id) : scope;
}

/** The department's submissions queue; its rows carry names, so every page view is audited. */
export const listSubmissionQueue = defineOperation({
  action: "form.view",
  schema: submissionQueueSchema,
  departments: (data, tx, actor) => listDepartments(tx, actor, "form.view", data.departmentId),
  async run({ data, tx, actor }) {
    const departmentIds = await listDepartments(tx, actor, "form.view", data.departmentId);
    const page = await getSubmissionQueuePage(tx, { ...data, departmentIds });
    return { result: page, audit: { action: "form_submission.list", entity: "form_submission", entityId: null, after: { filters: { ...data, cursor: undefined }, shown: page.rows.length } } };
  },
});

/** One submission's answers, identity and payments: each view of the personal data is recorded. */
export const viewSubmission = defineOperation({
  action: "form.view",
  schema: submissionViewSchema,
  departments: async (data, tx) => {
    const [row] = await tx.select({ departmentId: formSubmissions.departmentId }).from(formSubmissions).where(eq(formSubmissions.id, data.submissionId));
    if (!row) throw new GuardError(404, MESSAGES.notFound);
    return [row.departmentId];
  },
  async run({ data, tx }) {
    const detail = (await getSubmissionDetail(tx, data))!;
    return { result: detail, audit: { action: "form_submission.view", entity: "form_submission", entityId: data.submissionId, departmentId: detail.submission.departmentId } };
  },
});

/** The filtered list as rows for the CSV; the export itself is audited with its filters and row count. */
export const exportSubmissions = defineOperation({
  action: "form.view",
  schema: submissionExportSchema,
  departments: (data, tx, actor) => listDepartments(tx, actor, "form.view", data.departmentId),
  async run({ data, tx, actor }) {
    const departmentIds = await listDepartments(tx, actor, "form.view", data.departmentId);
    const rows = await getSubmissionExportRows(tx, { ...data, departmentIds });
    return { result: rows, audit: { action: "form_submission.export", entity: "form_submission", entityId: null, after: { filters: data, rows: rows.length } } };
  },
});
