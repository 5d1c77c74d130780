import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filingTallies, filings, householdTallies, type FilingChannel, type FilingStatus } from "@/db/schema/filings";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { getProgramById } from "./queries";

export const AGE_BANDS = ["〜29歳", "30〜49歳", "50〜69歳", "70歳〜"] as const;

export type ProgramReport = {
  households: number;
  totalFilings: number;
  byChannel: Record<FilingChannel, number>;
  byStatus: Record<FilingStatus, number>;
  /** Index 0–23: filings submitted in that hour of the day, Japan time, by channel. */
  byHour: { hour: number; line: number; counter: number }[];
  byAgeBand: { band: (typeof AGE_BANDS)[number]; line: number; counter: number }[];
  duplicatesPrevented: number;
  duplicatesFlagged: number;
  duplicatesClosed: number;
  approvalRate: number | null;
  rejectionRate: number | null;
  medianHoursToGrant: number | null;
  grantedPoints: number;
};

/**
 * Counts come from filing_tallies (deltas appended by triggers in the same statement as every change), so a view
 * costs the same at a million filings as at a hundred; households likewise from household_tallies. Only the grant
 * median reads filings (the middle of an index).
 */
export async function getProgramReport(db: Executor, { programId }: { programId: string }): Promise<ProgramReport> {
  const [householdCount] = await db
    .select({ n: sql<number>`coalesce(sum(${householdTallies.households}), 0)::int`, deltas: sql<number>`count(*)::int` })
    .from(householdTallies)
    .where(eq(householdTallies.programId, programId));
  const tallies = await db
    .select({
      status: filingTallies.status,
      channel: filingTallies.channel,
      hour: filingTallies.hour,
      ageBand: filingTallies.ageBand,
      duplicateSuspected: filingTallies.duplicateSuspected,
      n: sql<number>`sum(${filingTallies.filings})::int`,
      deltas: sql<number>`count(*)::int`,
      points: sql`sum(${filingTallies.points})::bigint`.mapWith(Number),
    })
    .from(filingTallies)
    .where(eq(filingTallies.programId, programId))
    .groupBy(filingTallies.status, filingTallies.channel, filingTallies.hour, filingTallies.ageBand, filingTallies.duplicateSuspected);
  if (tallies.reduce((sum, row) => sum + row.deltas, 0) + householdCount!.deltas > COMPACT_ABOVE_ROWS) await db.execute(sql`select filing_tallies_compact(${programId})`);
  // Households, not attempts: one resident pressing twice is one duplicate prevented. A literal action so the partial index applies.
  const [prevented] = await db
    .select({ n: sql<number>`count(distinct ${auditLog.entityId})::int` })
    .from(auditLog)
    .where(and(sql`${auditLog.action} = 'filing.duplicate_prevented'`, sql`${auditLog.after}->>'programId' = ${programId}`));

  const byStatus = Object.fromEntries(
    (["submitted", "returned", "approved", "granted", "rejected", "withdrawn", "closed_duplicate"] as const).map((s) => [s, 0]),
  ) as Record<FilingStatus, number>;
  const byChannel: Record<FilingChannel, number> = { line: 0, counter: 0 };
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, line: 0, counter: 0 }));
  const byAgeBand = AGE_BANDS.map((band) => ({ band, line: 0, counter: 0 }));
  let grantedPoints = 0;
  let flagged = 0;
  for (const row of tallies) {
    byStatus[row.status] += row.n;
    byChannel[row.channel] += row.n;
    byHour[row.hour]![row.channel] += row.n;
    byAgeBand[row.ageBand]![row.channel] += row.n;
    if (row.duplicateSuspected) flagged += row.n;
    if (row.status === "granted") grantedPoints += Number(row.points);
  }
  const decided = byStatus.approved + byStatus.granted + byStatus.rejected;
  return {
    households: householdCount!.n,
    totalFilings: byChannel.line + byChannel.counter,
    byChannel,
    byStatus,
    byHour,
    byAgeBand,
    duplicatesPrevented: prevented!.n,
    duplicatesFlagged: flagged,
    duplicatesClosed: byStatus.closed_duplicate,
    approvalRate: decided ? (byStatus.approved + byStatus.granted) / decided : null,
    rejectionRate: decided ? byStatus.rejected / decided : null,
    medianHoursToGrant: await medianHoursToGrant(db, programId, byStatus.granted),
    grantedPoints,
  };
}

/** A program has at most 7 × 2 × 24 × 4 × 2 filing keys; past this many delta rows the report folds them (one call). */
const COMPACT_ABOVE_ROWS = 5000;

/** The median of submission→grant hours: the middle one or two entries of filings_grant_hours_idx (index-only). */
async function medianHoursToGrant(db: Executor, programId: string, granted: number): Promise<number | null> {
  if (granted === 0) return null;
  const seconds = sql<number>`extract(epoch from ${filings.grantedAt} - ${filings.submittedAt})`;
  const middle = await db
    .select({ seconds: seconds.mapWith(Number) })
    .from(filings)
    .where(and(eq(filings.programId, programId), sql`${filings.status} = 'granted'`))
    .orderBy(seconds)
    .offset(Math.floor((granted - 1) / 2))
    .limit(granted % 2 === 0 ? 2 : 1);
  if (middle.length === 0) return null;
  return middle.reduce((sum, row) => sum + row.seconds, 0) / middle.length / 3600;
}

export const viewProgramReport = defineOperation({
  action: "program.report",
  schema: z.object({ programId: z.uuid() }),
  departments: async (data, tx) => {
    const program = await getProgramById(tx, data);
    if (!program) throw new GuardError(404, MESSAGES.notFound);
    return [program.departmentId];
  },
  async run({ data, tx }) {
    return { result: await getProgramReport(tx, data), audit: { entity: "benefit_program", entityId: data.programId } };
  },
});

/** The report as CSV rows (UTF-8 with BOM added by the route): one section per table. */
export function reportCsvRows(report: ProgramReport): string[][] {
  return [
    ["項目", "値"],
    ["対象世帯数", String(report.households)],
    ["申請数", String(report.totalFilings)],
    ["LINE申請", String(report.byChannel.line)],
    ["窓口申請", String(report.byChannel.counter)],
    ["重複申請を防止した世帯数", String(report.duplicatesPrevented)],
    ["重複の疑い（未整理）", String(report.duplicatesFlagged)],
    ["重複のため取りまとめ", String(report.duplicatesClosed)],
    ["承認率", report.approvalRate == null ? "" : report.approvalRate.toFixed(3)],
    ["却下率", report.rejectionRate == null ? "" : report.rejectionRate.toFixed(3)],
    ["申請から給付までの時間（中央値・時間）", report.medianHoursToGrant == null ? "" : report.medianHoursToGrant.toFixed(1)],
    ["給付済みポイント", String(report.grantedPoints)],
    [],
    ["時台", "LINE", "窓口"],
    ...report.byHour.map((h) => [`${h.hour}時`, String(h.line), String(h.counter)]),
    [],
    ["年代（代表者・基準日時点）", "LINE", "窓口"],
    ...report.byAgeBand.map((a) => [a.band, String(a.line), String(a.counter)]),
  ];
}
