import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { forms, formSubmissions, formVersions, type FormSubmission } from "@/db/schema/forms";
import { payments } from "@/db/schema/payments";
import { staff } from "@/db/schema/staff";
import { keysetPage, keysetQuery, type KeysetCursor } from "@/lib/review/keyset";
import type { FormDefinition } from "./definition";
import type { PaymentState, SubmissionQueueParams } from "./review-validations";
import { SUBMISSION_SUBJECT } from "./submissions";
import { escapeLike } from "@/lib/validation/text";

export type SubmissionQueueRow = {
  id: string;
  reference: string;
  formId: string;
  formTitle: string;
  status: FormSubmission["status"];
  channel: FormSubmission["channel"];
  applicantName: string | null;
  feeAmount: number | null;
  paymentState: PaymentState;
  submittedAt: Date | null;
  completion: FormSubmission["completion"];
  completedOn: string | null;
};

const REFERENCE = /^S-\d{8}-[0-9A-Z]{6}$/;

const paidRow = sql`exists (select 1 from ${payments} p where p.subject_type = ${SUBMISSION_SUBJECT} and p.subject_id = ${formSubmissions.id} and p.status = 'success'`;
/** The payment state in SQL, so the queue filters and the CSV agree with what the table shows. */
const paymentStateSql = sql<PaymentState>`case
  when ${paidRow} and p.refund_status = 'success') then 'refunded'
  when ${paidRow}) then 'paid'
  when ${formSubmissions.feeAmount} is null then 'fee_pending'
  when ${formSubmissions.feeAmount} = 0 then 'no_fee'
  else 'unpaid' end`;

/**
 * The applicant's name: the identity block's name (JPKI or typed at the counter), else a question whose id is
 * "name" (forms without identity, e.g. 粗大ごみ). Spaces are dropped so 「役場太郎」 finds 「役場 太郎」.
 */
export const applicantNameSql = sql<string | null>`(select coalesce(
  (select e.value->>'name' from jsonb_each(${formSubmissions.answers}) e where jsonb_typeof(e.value) = 'object' and e.value ? 'birthDate' limit 1),
  ${formSubmissions.answers}->>'name'))`;

/** Reference (exact) or the start-free part of the applicant's name. */
function searchCondition(q: string): SQL | undefined {
  const text = q.normalize("NFKC").trim();
  if (!text) return undefined;
  if (REFERENCE.test(text.toUpperCase())) return eq(formSubmissions.reference, text.toUpperCase());
  const compact = text.replace(/[\s\u3000]+/gu, "");
  return sql`translate(coalesce(${applicantNameSql}, ''), ' 　', '') like ${`%${escapeLike(compact)}%`}`;
}

type Filters = Omit<SubmissionQueueParams, "cursor" | "limit" | "departmentId"> & { departmentIds: string[] };

function conditionsOf(params: Filters): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [inArray(formSubmissions.departmentId, params.departmentIds)];
  if (params.formId) conditions.push(eq(formSubmissions.formId, params.formId));
  if (params.status) conditions.push(eq(formSubmissions.status, params.status));
  if (params.payment) conditions.push(sql`${paymentStateSql} = ${params.payment}`);
  if (params.from) conditions.push(gte(formSubmissions.submittedAt, params.from));
  if (params.to) conditions.push(lte(formSubmissions.submittedAt, params.to));
  if (params.q) conditions.push(searchCondition(params.q));
  // A submission still waiting for its fee on filing has not been sent in: staff never see it.
  conditions.push(sql`${formSubmissions.submittedAt} is not null`);
  return conditions;
}

const queueColumns = {
  id: formSubmissions.id,
  reference: formSubmissions.reference,
  formId: formSubmissions.formId,
  formTitle: forms.title,
  status: formSubmissions.status,
  channel: formSubmissions.channel,
  applicantName: applicantNameSql,
  feeAmount: formSubmissions.feeAmount,
  paymentState: paymentStateSql,
  submittedAt: formSubmissions.submittedAt,
  completion: formSubmissions.completion,
  completedOn: formSubmissions.completedOn,
};

/** One page of a department's submissions by keyset on (submitted_at, id), one extra row to know if more follow. */
export async function getSubmissionQueuePage(db: Executor, params: Filters & { cursor?: KeysetCursor; limit: number }) {
  const keyset = keysetQuery(formSubmissions, params.cursor, params.dir);
  const rows = (await db
    .select(queueColumns)
    .from(formSubmissions)
    .innerJoin(forms, eq(forms.id, formSubmissions.formId))
    .where(and(...conditionsOf(params), keyset.condition))
    .orderBy(...keyset.order)
    .limit(params.limit + 1)) as SubmissionQueueRow[];
  return keysetPage(rows, params.limit, params.cursor);
}

/** Every submission under the filters, for the CSV (capped: a department exports a period, not its history). */
export async function getSubmissionExportRows(db: Executor, params: Filters, cap = 10_000): Promise<SubmissionQueueRow[]> {
  return (await db
    .select(queueColumns)
    .from(formSubmissions)
    .innerJoin(forms, eq(forms.id, formSubmissions.formId))
    .where(and(...conditionsOf(params)))
    .orderBy(params.dir === "desc" ? desc(formSubmissions.submittedAt) : asc(formSubmissions.submittedAt), asc(formSubmissions.id))
    .limit(cap)) as SubmissionQueueRow[];
}

/** A submission with the snapshot it was filed on, its payments and its history (from the audit log). */
export async function getSubmissionDetail(db: Executor, { submissionId }: { submissionId: string }) {
  const [row] = await db
    .select({ submission: formSubmissions, definition: formVersions.definition, version: formVersions.version, formCode: forms.code })
    .from(formSubmissions)
    .innerJoin(formVersions, eq(formVersions.id, formSubmissions.versionId))
    .innerJoin(forms, eq(forms.id, formSubmissions.formId))
    .where(eq(formSubmissions.id, submissionId));
  if (!row) return null;
  const paymentRows = await db.select().from(payments).where(and(eq(payments.subjectType, SUBMISSION_SUBJECT), eq(payments.subjectId, submissionId))).orderBy(asc(payments.createdAt));
  // Reads (form_submission.view) are left out: the history is what happened to the application.
  const history = await db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, actorLabel: auditLog.actorLabel, actorType: auditLog.actorType, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "form_submission"), eq(auditLog.entityId, submissionId), sql`${auditLog.action} <> 'form_submission.view'`))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const [decider] = row.submission.decidedBy ? await db.select({ name: staff.displayName }).from(staff).where(eq(staff.id, row.submission.decidedBy)) : [];
  return { ...row, definition: row.definition as FormDefinition, payments: paymentRows, history, decidedByName: decider?.name ?? null };
}

/** Live forms of the given departments, for the queue's form filter and the counter's picker. */
export async function getDepartmentForms(db: Executor, { departmentIds, liveOnly = false }: { departmentIds: string[]; liveOnly?: boolean }) {
  const rows = await db
    .select({ id: forms.id, code: forms.code, title: forms.title, departmentId: forms.departmentId, liveVersionId: forms.liveVersionId, archivedAt: forms.archivedAt })
    .from(forms)
    .where(inArray(forms.departmentId, departmentIds))
    .orderBy(asc(forms.title));
  return liveOnly ? rows.filter((f) => f.liveVersionId && !f.archivedAt) : rows;
}

/** A live, not archived form with its published definition, for the counter's entry screen. */
export async function getLiveFormForCounter(db: Executor, { formId }: { formId: string }) {
  const [row] = await db
    .select({ id: forms.id, departmentId: forms.departmentId, archivedAt: forms.archivedAt, version: formVersions.version, definition: formVersions.definition })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.liveVersionId))
    .where(eq(forms.id, formId));
  if (!row || row.archivedAt) return null;
  return { ...row, definition: row.definition as FormDefinition };
}
