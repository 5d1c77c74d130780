import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filings } from "@/db/schema/filings";
import { householdMembers, households } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createProgram } from "@/lib/testing/program-factories";
import { fileAtCounter } from "./counter-operations";
import { getLastDuplicateScan } from "./duplicates";
import { importRosterAndRescan } from "./roster-rescan";

const HEADER = "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄";
const roster = (secondAddress: string) =>
  new TextEncoder().encode(
    [HEADER, "0001,当麻町3条東2丁目11番1号,佐藤 花子,サトウ ハナコ,1980-04-01,女,世帯主", `0002,${secondAddress},佐藤 はな子,サトウ ハナコ,1981-05-02,女,世帯主`].join("\r\n"),
  );

let admin: StaffActor;
let counter: StaffActor;
let departmentId: string;
beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
  counter = await createActor([{ departmentId, role: "counter" }]);
});

describe("a roster import re-runs the duplicate scan", () => {
  it("flags filings the corrected roster puts at one address, and clears suspects the next correction separates", async () => {
    const program = await createProgram({ departmentId });
    const importAs = (secondAddress: string) => runGuarded({ actor: admin, requestId: null }, importRosterAndRescan, { programId: program.id, fileName: "roster.csv", bytes: roster(secondAddress) });
    const first = await importAs("当麻町3条東2丁目12番1号");
    expect(first).toMatchObject({ ok: true, data: { inserted: 2, duplicates: { groups: 0, newlyFlagged: 0, cleared: 0 } } });

    const db = await getDb();
    const homes = await db.select().from(households).where(eq(households.programId, program.id));
    const ids: string[] = [];
    for (const home of homes) {
      const [head] = await db.select().from(householdMembers).where(and(eq(householdMembers.householdId, home.id), eq(householdMembers.isHead, true)));
      const filed = await runGuarded({ actor: counter, requestId: null }, fileAtCounter, { householdId: home.id, representativeMemberId: head!.id, identityDocument: "drivers_license" });
      if (!filed.ok) throw new Error(filed.error);
      ids.push(filed.data.filingId);
    }
    const flags = async () => (await db.select({ flag: filings.duplicateSuspected }).from(filings).where(inArray(filings.id, ids))).map((row) => row.flag);

    // The roster office corrects 0002's address: now the same place as 0001, with a similar name.
    const corrected = await importAs("当麻町三条東二丁目11-1");
    expect(corrected).toMatchObject({ ok: true, data: { updated: 1, duplicates: { groups: 1, newlyFlagged: 2, cleared: 0 } } });
    expect(await flags()).toEqual([true, true]);

    // Corrected back: the suspects are stale and cleared, not left for staff to dismiss by hand.
    const separated = await importAs("当麻町3条東2丁目12番1号");
    expect(separated).toMatchObject({ ok: true, data: { updated: 1, duplicates: { groups: 0, newlyFlagged: 0, cleared: 2 } } });
    expect(await flags()).toEqual([false, false]);

    const scans = await db.select().from(auditLog).where(and(eq(auditLog.action, "filing.duplicate_scan"), eq(auditLog.entityId, program.id)));
    expect(scans).toHaveLength(3);
    expect(scans.every((scan) => (scan.after as { trigger?: string }).trigger === "roster_import")).toBe(true);
    expect(await getLastDuplicateScan(db, { programId: program.id })).not.toBeNull();
  });

  it("a refused import scans nothing and writes nothing", async () => {
    const program = await createProgram({ departmentId });
    const refused = await runGuarded({ actor: admin, requestId: null }, importRosterAndRescan, { programId: program.id, fileName: "roster.csv", bytes: new TextEncoder().encode(`${HEADER}\r\n0001,,,,,,`) });
    expect(refused).toMatchObject({ ok: false, status: 400 });
    const db = await getDb();
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "filing.duplicate_scan"), eq(auditLog.entityId, program.id)))).toHaveLength(0);
    const reviewer = await createActor([{ departmentId, role: "reviewer" }]);
    expect(await runGuarded({ actor: reviewer, requestId: null }, importRosterAndRescan, { programId: program.id, fileName: "roster.csv", bytes: roster("当麻町3条東2丁目12番1号") })).toMatchObject({ ok: false, status: 403 });
  });
});
