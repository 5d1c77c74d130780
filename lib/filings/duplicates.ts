import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db";
import { ACTIVE_FILING_STATUSES, filings } from "@/db/schema/filings";
import { householdMembers, households } from "@/db/schema/programs";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { groupFuzzyDuplicates, type DuplicateCandidate } from "@/lib/matching/normalize";
import { getProgramById } from "@/lib/programs/queries";
import { getTownProfile } from "@/lib/programs/town";
import { dismissDuplicateSchema, duplicateScanSchema } from "./validations";

/**
 * Active filings whose households share a normalised address with another active filing's household:
 * the only ones that can be fuzzy duplicates, found in SQL so a million filings never reach memory.
 */
async function candidatesSharingAddress(db: Executor, programId: string): Promise<DuplicateCandidate[]> {
  const active = and(eq(filings.programId, programId), inArray(filings.status, [...ACTIVE_FILING_STATUSES]), isNull(filings.duplicateReviewedAt));
  const shared = db
    .select({ addressKey: households.addressKey })
    .from(filings)
    .innerJoin(households, eq(households.id, filings.householdId))
    .where(active)
    .groupBy(households.addressKey)
    .having(sql`count(*) > 1`);
  const rows = await db
    .select({ id: filings.id, address: households.address, name: householdMembers.name, kana: householdMembers.nameKana })
    .from(filings)
    .innerJoin(households, eq(households.id, filings.householdId))
    .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
    .where(and(active, inArray(households.addressKey, shared)));
  return rows;
}

export async function findDuplicateGroups(db: Executor, { programId, threshold }: { programId: string; threshold: number }) {
  return groupFuzzyDuplicates(await candidatesSharingAddress(db, programId), { town: getTownProfile(), threshold });
}

async function departmentOfProgram(tx: Transaction, programId: string) {
  const program = await getProgramById(tx, { programId });
  if (!program) throw new GuardError(404, MESSAGES.notFound);
  return [program.departmentId];
}

/** Flags every filing in a suspected group (similar representatives at one address) for side-by-side review. */
export const scanDuplicates = defineOperation({
  action: "filing.resolve_duplicate",
  schema: duplicateScanSchema,
  departments: (data, tx) => departmentOfProgram(tx, data.programId),
  async run({ data, tx }) {
    const groups = await findDuplicateGroups(tx, data);
    const ids = groups.flat();
    let flagged = 0;
    for (let i = 0; i < ids.length; i += 5000) {
      const updated = await tx
        .update(filings)
        .set({ duplicateSuspected: true })
        .where(and(inArray(filings.id, ids.slice(i, i + 5000)), eq(filings.duplicateSuspected, false)))
        .returning({ id: filings.id });
      flagged += updated.length;
    }
    return {
      result: { groups: groups.length, filings: ids.length, newlyFlagged: flagged },
      audit: { action: "filing.duplicate_scan", entity: "benefit_program", entityId: data.programId, after: { groups: groups.length, newlyFlagged: flagged } },
    };
  },
});

/** Staff found a suspected group to be different households: unflag it and leave it out of later scans. */
export const dismissDuplicateGroup = defineOperation({
  action: "filing.resolve_duplicate",
  schema: dismissDuplicateSchema,
  departments: async (data, tx) => {
    const rows = await tx
      .select({ programId: filings.programId })
      .from(filings)
      .where(inArray(filings.id, data.filingIds));
    if (rows.length !== new Set(data.filingIds).size) throw new GuardError(404, MESSAGES.notFound);
    return [...new Set(await Promise.all(rows.map(async (r) => (await departmentOfProgram(tx, r.programId))[0]!)))];
  },
  async run({ data, tx }) {
    const updated = await tx
      .update(filings)
      .set({ duplicateSuspected: false, duplicateReviewedAt: sql`now()` })
      .where(inArray(filings.id, data.filingIds))
      .returning({ id: filings.id });
    return {
      result: { cleared: updated.length },
      audit: updated.map((row) => ({ action: "filing.duplicate_dismissed", entity: "filing", entityId: row.id, after: { reason: data.reason } })),
    };
  },
});
