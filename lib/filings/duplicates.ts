import "server-only";
import { type SQL, and, asc, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog } from "@/db/schema/audit";
import type { Executor, Transaction } from "@/db";
import { rowsOf } from "@/db/rows";
import { ACTIVE_FILING_STATUSES, filingTallies, filings } from "@/db/schema/filings";
import { householdMembers, households } from "@/db/schema/programs";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { groupFuzzyDuplicates, parentBlock, type DuplicateCandidate } from "@/lib/matching/normalize";
import { getProgramById } from "@/lib/programs/queries";
import { getTownProfile } from "@/lib/programs/town";
import { dismissDuplicateSchema, duplicateScanSchema } from "./validations";

/** The name similarity at or above which two filings at one address are suspected duplicates. */
export const DUPLICATE_THRESHOLD = 0.8;

// The key one level up of a key ending in "-N" (see parentBlock in lib/matching): "111-101" may be "111 …101号室".
const parentKey = (key: SQL | typeof households.addressKey) => sql<string>`regexp_replace(${key}, '^(.*[0-9])-[0-9]+$', '\\1')`;

/**
 * Active filings whose households share a normalised address with another active filing's household, or sit one
 * "-N" level below one (a room written as a hyphen part): the only ones that can be fuzzy duplicates, found in
 * SQL so a million filings never reach memory. With `nearFilingIds`, only the address keys of those filings'
 * households, the keys one level up and the keys one level down are read (a handful of rows).
 */
async function candidatesSharingAddress(db: Executor, programId: string, nearFilingIds?: readonly string[]): Promise<DuplicateCandidate[]> {
  const active = and(eq(filings.programId, programId), inArray(filings.status, [...ACTIVE_FILING_STATUSES]), isNull(filings.duplicateReviewedAt));
  let keys: string[];
  if (nearFilingIds) {
    const near = await db
      .selectDistinct({ key: households.addressKey })
      .from(filings)
      .innerJoin(households, eq(households.id, filings.householdId))
      .where(and(eq(filings.programId, programId), inArray(filings.id, [...nearFilingIds])));
    const nearKeys = near.map((row) => row.key);
    if (nearKeys.length === 0) return [];
    const below = await db
      .selectDistinct({ key: households.addressKey })
      .from(households)
      .where(and(eq(households.programId, programId), inArray(parentKey(households.addressKey), nearKeys)));
    const above = nearKeys.map((key) => parentBlock(key)).filter((key) => key !== null);
    keys = [...new Set([...nearKeys, ...above, ...below.map((row) => row.key)])];
  } else {
    // Keys shared by two active filings, and pairs of keys one "-N" level apart (hash joins, no per-row scans).
    const rows = rowsOf<{ key: string }>(
      await db.execute(sql`
        with counted as (
          select ${households.addressKey} as key, count(*) as n
          from ${filings} inner join ${households} on ${households.id} = ${filings.householdId}
          where ${active} group by ${households.addressKey}
        ), linked as (
          select c.key as below, up.key as above from counted c join counted up on up.key = ${parentKey(sql`"c".key`)} where up.key <> c.key
        )
        select key from counted where n > 1
        union select below from linked
        union select above from linked`),
    );
    keys = rows.map((row) => row.key);
  }
  if (keys.length === 0) return [];
  const rows = await db
    .select({ id: filings.id, address: households.address, name: householdMembers.name, kana: householdMembers.nameKana })
    .from(filings)
    .innerJoin(households, eq(households.id, filings.householdId))
    .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
    .where(and(active, eq(households.programId, programId), inArray(households.addressKey, keys)));
  return rows;
}

export async function findDuplicateGroups(db: Executor, { programId, threshold }: { programId: string; threshold: number }) {
  return groupFuzzyDuplicates(await candidatesSharingAddress(db, programId), { town: getTownProfile(), threshold });
}

/**
 * The suspected groups that contain any of `filingIds`: the same grouping as the full scan, restricted in SQL
 * to the address keys of those filings' households, so it is cheap enough to run before every bulk approval.
 */
export async function findDuplicateGroupsAround(
  db: Executor,
  { programId, filingIds, threshold = DUPLICATE_THRESHOLD }: { programId: string; filingIds: readonly string[]; threshold?: number },
): Promise<string[][]> {
  if (filingIds.length === 0) return [];
  const wanted = new Set(filingIds);
  const groups = groupFuzzyDuplicates(await candidatesSharingAddress(db, programId, filingIds), { town: getTownProfile(), threshold });
  return groups.filter((group) => group.some((id) => wanted.has(id)));
}

/** The duplicates screen groups around at most this many flagged filings, oldest first; resolving them shows the next. */
export const DUPLICATE_SCREEN_FLAGGED_LIMIT = 200;

/** The oldest flagged active filings of the program (filings_flagged_idx), at most DUPLICATE_SCREEN_FLAGGED_LIMIT. */
export async function getOldestFlaggedFilingIds(db: Executor, { programId }: { programId: string }): Promise<string[]> {
  const rows = await db
    .select({ id: filings.id })
    .from(filings)
    .where(and(eq(filings.programId, programId), eq(filings.duplicateSuspected, true), inArray(filings.status, [...ACTIVE_FILING_STATUSES])))
    .orderBy(asc(filings.submittedAt), asc(filings.id))
    .limit(DUPLICATE_SCREEN_FLAGGED_LIMIT);
  return rows.map((row) => row.id);
}

/** How many active filings of the program are flagged, from the report tallies (no scan of the filings). */
export async function countFlaggedFilings(db: Executor, { programId }: { programId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${filingTallies.filings}), 0)::int` })
    .from(filingTallies)
    .where(and(eq(filingTallies.programId, programId), eq(filingTallies.duplicateSuspected, true), inArray(filingTallies.status, [...ACTIVE_FILING_STATUSES])));
  return row!.n;
}

/**
 * Work that flags filings beyond the ones it locked (scan, bulk approve) takes this per-program lock first, so two
 * such transactions never wait on each other's rows in opposite orders (a deadlock).
 */
export async function serializeDuplicateFlagging(tx: Transaction, programId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`duplicate-flagging:${programId}`}))`);
}

/** Sets the duplicate flag on the filings (as the scan does); returns the ids that were not flagged before. */
export async function flagSuspectedDuplicates(tx: Transaction, ids: readonly string[]): Promise<string[]> {
  const flagged: string[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const updated = await tx
      .update(filings)
      .set({ duplicateSuspected: true })
      .where(and(inArray(filings.id, ids.slice(i, i + 5000)), eq(filings.duplicateSuspected, false)))
      .returning({ id: filings.id });
    flagged.push(...updated.map((row) => row.id));
  }
  return flagged;
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
    await serializeDuplicateFlagging(tx, data.programId);
    const groups = await findDuplicateGroups(tx, data);
    const ids = groups.flat();
    const flagged = (await flagSuspectedDuplicates(tx, ids)).length;
    return {
      result: { groups: groups.length, filings: ids.length, newlyFlagged: flagged },
      audit: { action: "filing.duplicate_scan", entity: "benefit_program", entityId: data.programId, after: { groups: groups.length, newlyFlagged: flagged } },
    };
  },
});

/** When the last duplicate scan of the program ran (full or since the one before), from the audit log; null if never. */
export async function getLastDuplicateScan(db: Executor, { programId }: { programId: string }): Promise<Date | null> {
  const [row] = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "benefit_program"), eq(auditLog.entityId, programId), eq(auditLog.action, "filing.duplicate_scan")))
    .orderBy(desc(auditLog.at))
    .limit(1);
  return row?.at ?? null;
}

/**
 * Filings changed since `since` (filed or decided, or their household corrected by a roster import), at most
 * `limit`: two reads on (program, updated_at) indexes instead of joining every filing to its household. A
 * corrected household only matters through its active filings, the only duplicate candidates.
 */
async function filingsChangedSince(tx: Transaction, programId: string, since: Date, limit: number): Promise<string[]> {
  const own = await tx
    .select({ id: filings.id })
    .from(filings)
    .where(and(eq(filings.programId, programId), gt(filings.updatedAt, since)))
    .limit(limit);
  const byHousehold = await tx
    .select({ id: filings.id })
    .from(households)
    .innerJoin(filings, and(eq(filings.programId, programId), eq(filings.householdId, households.id), inArray(filings.status, [...ACTIVE_FILING_STATUSES])))
    .where(and(eq(households.programId, programId), gt(households.updatedAt, since)))
    .limit(limit);
  return [...new Set([...own, ...byHousehold].map((row) => row.id))].slice(0, limit);
}

/** Above this many changed filings since the last scan, the screen scans the whole program instead. */
const INCREMENTAL_LIMIT = 2000;

/**
 * Flags the suspected duplicates among the filings changed since the last scan (filed, decided, or their household
 * corrected by a roster import), grouped with their address neighbours; a first scan, or more than
 * `incrementalLimit` changes, scans the whole program. Returns what it did and its audit draft.
 */
export async function refreshDuplicatesOfProgram(tx: Transaction, programId: string, incrementalLimit: number) {
  await serializeDuplicateFlagging(tx, programId);
  const since = await getLastDuplicateScan(tx, { programId });
  const changed = since ? await filingsChangedSince(tx, programId, since, incrementalLimit + 1) : null;
  const full = changed === null || changed.length > incrementalLimit;
  const groups = full
    ? await findDuplicateGroups(tx, { programId, threshold: DUPLICATE_THRESHOLD })
    : await findDuplicateGroupsAround(tx, { programId, filingIds: changed });
  const newlyFlagged = (await flagSuspectedDuplicates(tx, groups.flat())).length;
  const mode = full ? ("full" as const) : ("changed" as const);
  const checked = full ? null : changed!.length;
  return {
    result: { mode, checked, newlyFlagged },
    audit: { action: "filing.duplicate_scan", entity: "benefit_program", entityId: programId, after: { mode, checked, groups: groups.length, newlyFlagged } },
  };
}

/**
 * Run when the duplicates screen opens, so it never says 「疑いはありません」 just because nobody pressed scan. The
 * worker's watch (duplicate-watch.ts) keeps the changes since the last scan few, so this stays incremental.
 */
export const refreshDuplicateFlags = defineOperation({
  action: "filing.resolve_duplicate",
  schema: z.object({ programId: z.uuid() }),
  departments: (data, tx) => departmentOfProgram(tx, data.programId),
  run: ({ data, tx }) => refreshDuplicatesOfProgram(tx, data.programId, INCREMENTAL_LIMIT),
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
