import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { benefitPrograms } from "@/db/schema/programs";
import { writeAudit } from "@/lib/audit/log";
import { startJobLoop } from "@/lib/jobs/loop";
import { refreshDuplicatesOfProgram } from "./duplicates";

const SYSTEM = { type: "system" as const, id: null, label: "duplicate-watch" };

/**
 * Changed filings one worker round may check incrementally: half a minute of a launch peak (400 filings/s) fits,
 * and the list stays well inside PostgreSQL's 65,535 parameters. Beyond it the worker scans the whole program.
 */
export const WATCH_INCREMENTAL_LIMIT = 20_000;

/**
 * One round of the worker's duplicate watch: every program open for filing is checked for the filings changed since
 * its last scan, each in its own transaction with its audit entry, so the 重複の確認 screen opens on a recent scan
 * and never runs a full one in a staff member's request while filings pour in.
 */
export async function watchDuplicatesOnce(options: { onlyProgramIds?: string[] } = {}): Promise<{ programs: number; newlyFlagged: number }> {
  const db = await getDb();
  // onlyProgramIds: tests sharing one database keep the round to their own programs.
  const isOpen = eq(benefitPrograms.status, "open");
  const open = await db
    .select({ id: benefitPrograms.id, departmentId: benefitPrograms.departmentId })
    .from(benefitPrograms)
    .where(options.onlyProgramIds ? and(isOpen, inArray(benefitPrograms.id, options.onlyProgramIds)) : isOpen);
  let newlyFlagged = 0;
  for (const program of open) {
    const flagged = await db.transaction(async (tx) => {
      const { result, audit } = await refreshDuplicatesOfProgram(tx, program.id, WATCH_INCREMENTAL_LIMIT);
      await writeAudit(tx, { ...audit, departmentId: program.departmentId, actor: SYSTEM, requestId: null });
      return result.newlyFlagged;
    });
    newlyFlagged += flagged;
  }
  return { programs: open.length, newlyFlagged };
}

/** The watch as a job loop in the worker process (`npm run worker`), every 30 seconds. */
export function startDuplicateWatch(options: { log?: (line: string) => void; intervalMs?: number } = {}): { stop: () => Promise<void> } {
  return startJobLoop({
    name: "duplicates",
    round: () => watchDuplicatesOnce(),
    describe: (done) => (done.newlyFlagged > 0 ? `newly_flagged=${done.newlyFlagged} programs=${done.programs}` : null),
    intervalMs: options.intervalMs ?? 30_000,
    log: options.log,
  });
}
