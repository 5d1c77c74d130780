import "server-only";
import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { Transaction } from "@/db";
import { ACTIVE_FILING_STATUSES, filings } from "@/db/schema/filings";
import type { AuditDraft } from "@/lib/audit/log";
import { defineOperation } from "@/lib/auth/operation";
import { importRoster } from "@/lib/programs/operations";
import { DUPLICATE_THRESHOLD, findDuplicateGroups, flagSuspectedDuplicates, serializeDuplicateFlagging } from "./duplicates";

export type DuplicateRescan = { groups: number; newlyFlagged: number; cleared: number };

/**
 * A whole-program duplicate scan that also clears stale suspects: after a roster import corrected addresses or
 * members, filings flagged against the old roster but in no group now are unflagged (dismissed ones stay out).
 */
export async function rescanDuplicates(tx: Transaction, programId: string): Promise<DuplicateRescan> {
  await serializeDuplicateFlagging(tx, programId);
  const groups = await findDuplicateGroups(tx, { programId, threshold: DUPLICATE_THRESHOLD });
  const suspected = groups.flat();
  const newlyFlagged = (await flagSuspectedDuplicates(tx, suspected)).length;
  const stale = await tx
    .update(filings)
    .set({ duplicateSuspected: false })
    .where(
      and(
        eq(filings.programId, programId),
        eq(filings.duplicateSuspected, true),
        isNull(filings.duplicateReviewedAt),
        inArray(filings.status, [...ACTIVE_FILING_STATUSES]),
        suspected.length > 0 ? notInArray(filings.id, suspected) : undefined,
      ),
    )
    .returning({ id: filings.id });
  return { groups: groups.length, newlyFlagged, cleared: stale.length };
}

/**
 * The roster import as staff run it: the import, then the duplicate scan in the same transaction, so the
 * duplicates screen never shows suspects from the roster that was just replaced (and shows when it last ran).
 */
export const importRosterAndRescan = defineOperation({
  ...importRoster,
  async run(args) {
    const imported = await importRoster.run(args);
    const duplicates = await rescanDuplicates(args.tx, args.data.programId);
    const scanAudit: AuditDraft = { action: "filing.duplicate_scan", entity: "benefit_program", entityId: args.data.programId, after: { mode: "full", trigger: "roster_import", ...duplicates } };
    const audit = Array.isArray(imported.audit) ? [...imported.audit, scanAudit] : [imported.audit, scanAudit];
    return { result: { ...imported.result, duplicates }, audit };
  },
});
