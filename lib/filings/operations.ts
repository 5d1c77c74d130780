import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { filingEvents, filings, type Filing, type FilingStatus } from "@/db/schema/filings";
import { benefitPrograms } from "@/db/schema/programs";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { notifyFilingChange } from "./notify";
import { canTransition, transitionRefusal } from "./rules";
import { bulkApproveSchema, filingDecisionSchema, resolveDuplicateSchema } from "./validations";

/** Locks the filings so that two reviewers deciding at once are serialised, and names their departments. */
async function lockFilings(tx: Transaction, filingIds: string[]) {
  const rows = await tx
    .select({ filing: filings, departmentId: benefitPrograms.departmentId })
    .from(filings)
    .innerJoin(benefitPrograms, eq(benefitPrograms.id, filings.programId))
    .where(inArray(filings.id, filingIds))
    .for("update", { of: filings });
  if (rows.length !== new Set(filingIds).size) throw new GuardError(404, MESSAGES.notFound);
  return rows;
}

async function departmentsOfFilings(tx: Transaction, filingIds: string[]): Promise<string[]> {
  return [...new Set((await lockFilings(tx, filingIds)).map((row) => row.departmentId))];
}

/** Moves a filing to a new status with its history event and resident message, in the caller's transaction. */
export async function changeFilingStatus(
  tx: Transaction,
  { filing, to, reason, staffId }: { filing: Filing; to: FilingStatus; reason?: string | null; staffId: string | null },
): Promise<Filing> {
  if (!canTransition(filing.status, to)) throw new GuardError(409, transitionRefusal(filing.status));
  const decided = to === "approved" || to === "rejected" || to === "returned" || to === "closed_duplicate";
  const [updated] = await tx
    .update(filings)
    .set({
      status: to,
      updatedAt: sql`now()`,
      ...(decided ? { decisionReason: reason ?? null, decidedByStaffId: staffId, decidedAt: sql`now()` } : {}),
      ...(to === "granted" ? { grantedAt: sql`now()` } : {}),
    })
    .where(eq(filings.id, filing.id))
    .returning();
  await tx.insert(filingEvents).values({ filingId: filing.id, fromStatus: filing.status, toStatus: to, reason: reason ?? null, staffId });
  await notifyFilingChange(tx, { filing: updated!, reason: reason ?? null });
  return updated!;
}

const DECISION_STATUS = { approve: "approved", reject: "rejected", return: "returned" } as const;

export const decideFiling = defineOperation({
  action: "filing.decide",
  schema: filingDecisionSchema,
  departments: (data, tx) => departmentsOfFilings(tx, [data.filingId]),
  async run({ data, tx, actor }) {
    const [{ filing, departmentId }] = (await lockFilings(tx, [data.filingId])) as [{ filing: Filing; departmentId: string }];
    const reason = data.decision === "approve" ? null : data.reason;
    const after = await changeFilingStatus(tx, { filing, to: DECISION_STATUS[data.decision], reason, staffId: actor.id });
    return {
      result: { filingId: after.id, status: after.status },
      audit: { action: `filing.${data.decision}`, entity: "filing", entityId: after.id, departmentId, before: filing, after },
    };
  },
});

export const bulkApproveFilings = defineOperation({
  action: "filing.decide",
  schema: bulkApproveSchema,
  departments: (data, tx) => departmentsOfFilings(tx, data.filingIds),
  async run({ data, tx, actor }) {
    const rows = await lockFilings(tx, data.filingIds);
    const refused = rows.filter(({ filing }) => filing.programId !== data.programId || filing.duplicateSuspected || filing.status !== "submitted");
    if (refused.length > 0) {
      throw new GuardError(
        409,
        `${refused.length}件は一括承認できません（重複の疑いがある、または審査待ちではない申請です）。一件ずつ確認してください。`,
      );
    }
    const audits = [];
    for (const { filing, departmentId } of rows) {
      const after = await changeFilingStatus(tx, { filing, to: "approved", reason: null, staffId: actor.id });
      audits.push({ action: "filing.approve", entity: "filing", entityId: filing.id, departmentId, before: filing, after });
    }
    return { result: { approved: rows.length }, audit: audits };
  },
});

/** Keep one filing of a suspected duplicate group and close the others — never the whole household. */
export const resolveDuplicateGroup = defineOperation({
  action: "filing.resolve_duplicate",
  schema: resolveDuplicateSchema,
  departments: (data, tx) => departmentsOfFilings(tx, [data.keepFilingId, ...data.closeFilingIds]),
  async run({ data, tx, actor }) {
    if (data.closeFilingIds.includes(data.keepFilingId)) {
      throw new GuardError(400, MESSAGES.invalid, { closeFilingIds: ["残す申請は取りまとめの対象にできません"] });
    }
    const rows = await lockFilings(tx, [data.keepFilingId, ...data.closeFilingIds]);
    const audits = [];
    for (const { filing, departmentId } of rows) {
      if (filing.id === data.keepFilingId) {
        const [kept] = await tx
          .update(filings)
          .set({ duplicateSuspected: false, updatedAt: sql`now()` })
          .where(eq(filings.id, filing.id))
          .returning();
        audits.push({ action: "filing.duplicate_kept", entity: "filing", entityId: filing.id, departmentId, before: filing, after: kept });
        continue;
      }
      const closed = await changeFilingStatus(tx, { filing, to: "closed_duplicate", reason: data.reason, staffId: actor.id });
      await tx.update(filings).set({ duplicateSuspected: false }).where(and(eq(filings.id, filing.id)));
      audits.push({ action: "filing.duplicate_closed", entity: "filing", entityId: filing.id, departmentId, before: filing, after: closed });
    }
    return { result: { kept: data.keepFilingId, closed: data.closeFilingIds.length }, audit: audits };
  },
});
