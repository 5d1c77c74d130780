import "server-only";
import { asc, inArray } from "drizzle-orm";
import type { Transaction } from "@/db";
import { formSubmissions, type FormSubmission } from "@/db/schema/forms";
import type { AuditDraft } from "@/lib/audit/log";
import { GuardError } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { applyCompletion, applyDecision, completionRefusal, decisionRefusal } from "./review";
import { bulkApproveSubmissionsSchema, bulkMailSubmissionsSchema } from "./review-validations";

async function departmentsOf(tx: Transaction, ids: string[]): Promise<string[]> {
  const rows = await tx.select({ id: formSubmissions.id, departmentId: formSubmissions.departmentId }).from(formSubmissions).where(inArray(formSubmissions.id, ids));
  if (rows.length !== new Set(ids).size) throw new GuardError(404, "選んだ申請の中に、見つからないものがあります。画面を更新してください。");
  return rows.map((r) => r.departmentId);
}

/**
 * Locks every selected submission (in id order, so two bulk runs cannot deadlock) and checks each: one refusal
 * refuses the whole run with every refused row's reason, keyed by its reference, and nothing is written.
 */
async function lockAllOrRefuse(tx: Transaction, ids: string[], refusal: (row: FormSubmission) => Promise<string | null> | string | null): Promise<FormSubmission[]> {
  const rows = await tx.select().from(formSubmissions).where(inArray(formSubmissions.id, ids)).orderBy(asc(formSubmissions.id)).for("update");
  const refused: Record<string, string[]> = {};
  for (const row of rows) {
    const reason = await refusal(row);
    if (reason) refused[row.reference] = [reason];
  }
  const count = Object.keys(refused).length;
  if (count > 0) throw new GuardError(409, `選んだ申請のうち${count}件は処理できないため、どれも処理していません。理由を確認し、外して選び直してください。`, refused);
  return rows;
}

/** 一括承認: every selected submission waiting for review is approved, or none is. */
export const bulkApproveSubmissions = defineOperation({
  action: "form.review",
  schema: bulkApproveSubmissionsSchema,
  departments: (data, tx) => departmentsOf(tx, data.submissionIds),
  async run({ data, tx, actor }) {
    const rows = await lockAllOrRefuse(tx, data.submissionIds, decisionRefusal);
    const audit: AuditDraft[] = [];
    for (const row of rows) audit.push((await applyDecision(tx, row, actor.id, { decision: "approve" })).audit);
    return { result: { approved: rows.length }, audit };
  },
});

/** 一括で発送済み: every selected approved (and, where a fee is due, paid) submission is marked mailed on the date. */
export const bulkMailSubmissions = defineOperation({
  action: "form.review",
  schema: bulkMailSubmissionsSchema,
  departments: (data, tx) => departmentsOf(tx, data.submissionIds),
  async run({ data, tx }) {
    const rows = await lockAllOrRefuse(tx, data.submissionIds, (row) => completionRefusal(tx, row));
    const audit: AuditDraft[] = [];
    for (const row of rows) audit.push((await applyCompletion(tx, row, "mailed", data.date)).audit);
    return { result: { mailed: rows.length }, audit };
  },
});
