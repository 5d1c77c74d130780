import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filings, type FilingChannel, type FilingStatus } from "@/db/schema/filings";
import { benefitPrograms, householdMembers, households } from "@/db/schema/programs";
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

export async function getProgramReport(db: Executor, { programId }: { programId: string }): Promise<ProgramReport> {
  const inProgram = eq(filings.programId, programId);
  const [householdCount] = await db.select({ n: sql<number>`count(*)::int` }).from(households).where(eq(households.programId, programId));
  const statusRows = await db
    .select({ status: filings.status, channel: filings.channel, n: sql<number>`count(*)::int`, points: sql`coalesce(sum(${filings.points}), 0)::bigint`.mapWith(Number) })
    .from(filings)
    .where(inProgram)
    .groupBy(filings.status, filings.channel);
  const hourRows = await db
    .select({
      hour: sql<number>`extract(hour from ${filings.submittedAt} at time zone 'Asia/Tokyo')::int`,
      channel: filings.channel,
      n: sql<number>`count(*)::int`,
    })
    .from(filings)
    .where(inProgram)
    .groupBy(sql`1`, filings.channel);
  const ageRows = await db
    .select({
      band: sql<number>`least(3, greatest(0, case
        when date_part('year', age(${benefitPrograms.referenceDate}::date, ${householdMembers.birthDate}::date)) < 30 then 0
        when date_part('year', age(${benefitPrograms.referenceDate}::date, ${householdMembers.birthDate}::date)) < 50 then 1
        when date_part('year', age(${benefitPrograms.referenceDate}::date, ${householdMembers.birthDate}::date)) < 70 then 2
        else 3 end))::int`,
      channel: filings.channel,
      n: sql<number>`count(*)::int`,
    })
    .from(filings)
    .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
    .innerJoin(benefitPrograms, eq(benefitPrograms.id, filings.programId))
    .where(inProgram)
    .groupBy(sql`1`, filings.channel);
  const [flags] = await db
    .select({ flagged: sql<number>`count(*) filter (where ${filings.duplicateSuspected})::int` })
    .from(filings)
    .where(inProgram);
  // Households, not attempts: one resident pressing twice is one duplicate prevented. A literal action so the partial index applies.
  const [prevented] = await db
    .select({ n: sql<number>`count(distinct ${auditLog.entityId})::int` })
    .from(auditLog)
    .where(and(sql`${auditLog.action} = 'filing.duplicate_prevented'`, sql`${auditLog.after}->>'programId' = ${programId}`));
  const [median] = await db
    .select({ hours: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${filings.grantedAt} - ${filings.submittedAt}) / 3600)` })
    .from(filings)
    .where(and(inProgram, eq(filings.status, "granted")));

  const byStatus = Object.fromEntries(
    (["submitted", "returned", "approved", "granted", "rejected", "withdrawn", "closed_duplicate"] as const).map((s) => [s, 0]),
  ) as Record<FilingStatus, number>;
  const byChannel: Record<FilingChannel, number> = { line: 0, counter: 0 };
  let grantedPoints = 0;
  for (const row of statusRows) {
    byStatus[row.status] += row.n;
    byChannel[row.channel] += row.n;
    if (row.status === "granted") grantedPoints += Number(row.points);
  }
  const decided = byStatus.approved + byStatus.granted + byStatus.rejected;
  return {
    households: householdCount!.n,
    totalFilings: byChannel.line + byChannel.counter,
    byChannel,
    byStatus,
    byHour: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      line: hourRows.find((r) => r.hour === hour && r.channel === "line")?.n ?? 0,
      counter: hourRows.find((r) => r.hour === hour && r.channel === "counter")?.n ?? 0,
    })),
    byAgeBand: AGE_BANDS.map((band, i) => ({
      band,
      line: ageRows.find((r) => r.band === i && r.channel === "line")?.n ?? 0,
      counter: ageRows.find((r) => r.band === i && r.channel === "counter")?.n ?? 0,
    })),
    duplicatesPrevented: prevented!.n,
    duplicatesFlagged: flags!.flagged,
    duplicatesClosed: byStatus.closed_duplicate,
    approvalRate: decided ? (byStatus.approved + byStatus.granted) / decided : null,
    rejectionRate: decided ? byStatus.rejected / decided : null,
    medianHoursToGrant: median?.hours == null ? null : Number(median.hours),
    grantedPoints,
  };
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
