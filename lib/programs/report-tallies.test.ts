import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { filings } from "@/db/schema/filings";
import { benefitPrograms, householdMembers, households as householdsTable } from "@/db/schema/programs";
import { createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { getProgramReport } from "./report";

// On PostgreSQL (`npm run test:pg`) the writes below really run at once; PGlite runs them one after another.

/** The tallies summed over slots, and the same counts recomputed from the filings themselves. */
async function talliesAndRecount(programId: string) {
  const db = await getDb();
  const tallied = rowsOf<{ key: string; n: number; points: number }>(
    await db.execute(sql`
      select concat_ws('/', status, channel, hour, age_band, duplicate_suspected) as key, sum(filings)::int as n, sum(points)::int as points
      from filing_tallies where program_id = ${programId} group by 1 having sum(filings) <> 0 or sum(points) <> 0 order by 1`),
  );
  const recounted = rowsOf<{ key: string; n: number; points: number }>(
    await db.execute(sql`
      select concat_ws('/', f.status, f.channel, extract(hour from f.submitted_at at time zone 'Asia/Tokyo')::int,
                       filing_age_band(p.reference_date, m.birth_date), f.duplicate_suspected) as key,
             count(*)::int as n, sum(f.points)::int as points
      from filings f join household_members m on m.id = f.representative_member_id join benefit_programs p on p.id = f.program_id
      where f.program_id = ${programId} group by 1 order by 1`),
  );
  return { tallied, recounted };
}

describe("program report tallies stay exact under concurrent writes and folding", () => {
  it("concurrent filings, overlapping bulk decisions, flags, deletes, birth-date and reference-date corrections", async () => {
    const departmentId = (await createDepartment()).id;
    const program = await createProgram({ departmentId });
    const db = await getDb();
    const households = [];
    for (let i = 0; i < 40; i++) households.push(await createHousehold({ programId: program.id, members: 2 }));
    // Households added at once, and one removed (no filing yet), move the household tally too.
    const extra = await Promise.all(Array.from({ length: 10 }, () => createHousehold({ programId: program.id, members: 1 })));
    await db.transaction(async (tx) => {
      await tx.delete(householdMembers).where(eq(householdMembers.householdId, extra[0]!.id));
      await tx.delete(householdsTable).where(eq(householdsTable.id, extra[0]!.id));
    });

    // 40 filings, each in its own transaction, all at once; hours and channels spread over several tallies.
    const ids = await Promise.all(
      households.map((household, i) =>
        db.transaction(async (tx) => {
          const [row] = await tx
            .insert(filings)
            .values({
              programId: program.id,
              householdId: household.id,
              representativeMemberId: household.members[i % 2]!.id,
              receiptNumber: `T${uniqueSuffix().slice(0, 6).toUpperCase()}-${String(i).padStart(7, "0")}`,
              channel: i % 3 === 0 ? "counter" : "line",
              points: 10_000 * (1 + (i % 2)),
              submittedAt: new Date(Date.UTC(2026, 9, 1, i % 5, 0, 0)),
            })
            .returning({ id: filings.id });
          return row!.id;
        }),
      ),
    );
    expect(ids).toHaveLength(40);

    // Overlapping bulk statements in opposite orders, single-row decisions and flag changes, all at once.
    const decide = (slice: string[], status: "approved" | "rejected" | "granted") =>
      db.transaction((tx) =>
        tx
          .update(filings)
          .set({ status, ...(status === "granted" ? { grantedAt: sql`submitted_at + interval '5 hours'` } : {}) })
          .where(inArray(filings.id, slice)),
      );
    await Promise.all([
      decide(ids.slice(0, 25), "approved"),
      decide(ids.slice(10, 35).reverse(), "rejected"),
      decide(ids.slice(30, 40), "granted"),
      ...ids.slice(0, 20).map((id, i) => db.transaction((tx) => tx.update(filings).set({ duplicateSuspected: i % 2 === 0 }).where(eq(filings.id, id)))),
      ...ids.slice(20, 30).map((id) => db.transaction((tx) => tx.update(filings).set({ points: 5_000 }).where(eq(filings.id, id)))),
    ]);
    let state = await talliesAndRecount(program.id);
    expect(state.tallied).toEqual(state.recounted);
    expect(state.recounted.reduce((sum, row) => sum + row.n, 0)).toBe(40);

    // A corrected birth date moves the representative's filing to another age band; a deleted filing leaves the tallies.
    await Promise.all([
      db.update(householdMembers).set({ birthDate: "2001-01-01" }).where(inArray(householdMembers.id, households.slice(0, 6).map((h) => h.members[0]!.id))),
      db.transaction((tx) => tx.delete(filings).where(eq(filings.id, ids[39]!))),
    ]);
    state = await talliesAndRecount(program.id);
    expect(state.tallied).toEqual(state.recounted);

    // A new reference date recounts the program.
    await db.update(benefitPrograms).set({ referenceDate: "2060-10-01" }).where(eq(benefitPrograms.id, program.id));
    state = await talliesAndRecount(program.id);
    expect(state.tallied).toEqual(state.recounted);

    // Folding the deltas while filings change (two folders at once) loses nothing and leaves one row per key.
    await Promise.all([
      db.transaction((tx) => tx.execute(sql`select filing_tallies_compact(${program.id})`)),
      db.transaction((tx) => tx.execute(sql`select filing_tallies_compact(${program.id})`)),
      ...ids.slice(0, 10).map((id) => db.transaction((tx) => tx.update(filings).set({ status: "submitted" }).where(eq(filings.id, id)))),
    ]);
    await db.execute(sql`select filing_tallies_compact(${program.id})`);
    state = await talliesAndRecount(program.id);
    expect(state.tallied).toEqual(state.recounted);
    const [rows] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from filing_tallies where program_id = ${program.id}`));
    expect(rows!.n).toBe(state.recounted.length);

    // The report reads the tallies: totals agree with the filings.
    const report = await getProgramReport(db, { programId: program.id });
    const [direct] = rowsOf<{ n: number; flagged: number }>(
      await db.execute(sql`select count(*)::int as n, (count(*) filter (where duplicate_suspected))::int as flagged from filings where program_id = ${program.id}`),
    );
    expect(report.households).toBe(49);
    expect(report.totalFilings).toBe(direct!.n);
    expect(report.duplicatesFlagged).toBe(direct!.flagged);
    expect(report.byHour.reduce((sum, h) => sum + h.line + h.counter, 0)).toBe(direct!.n);
    expect(report.byAgeBand.reduce((sum, a) => sum + a.line + a.counter, 0)).toBe(direct!.n);
    expect(report.medianHoursToGrant).toBe(5);
  }, 120_000);

});
