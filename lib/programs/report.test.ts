import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { filings } from "@/db/schema/filings";
import { householdMembers, households } from "@/db/schema/programs";
import { filingPurpose, previewLineFiling, submitLineFiling } from "@/lib/filings/resident-operations";
import { runResidentGuarded, type ResidentActor } from "@/lib/residents/guard";
import { importRoster } from "./operations";
import { recordCounterDuplicateStop } from "./households";
import { runGuarded } from "@/lib/auth/guard";
import { submitFiling } from "@/lib/filings/core";
import { fileAtCounter } from "@/lib/filings/counter-operations";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram, createResident, createVerification } from "@/lib/testing/program-factories";
import { reportCsvRows, viewProgramReport } from "./report";

describe("program report", () => {
  it("counts filings by channel, JST hour and age band, duplicates prevented, rates and the median time to grant", async () => {
    const departmentId = (await createDepartment()).id;
    const counter = await createActor([{ departmentId, role: "counter" }]);
    const viewer = await createActor([{ departmentId, role: "viewer" }]);
    const program = await createProgram({ departmentId });
    const db = await getDb();
    const counterHousehold = await createHousehold({ programId: program.id });
    const filed = await runGuarded({ actor: counter, requestId: null }, fileAtCounter, {
      householdId: counterHousehold.id,
      representativeMemberId: counterHousehold.members[0]!.id,
      identityDocument: "passport",
    });
    if (!filed.ok) throw new Error(filed.error);
    // Two refused attempts for one household count as one duplicate prevented.
    for (const member of [counterHousehold.members[1]!, counterHousehold.members[2]!]) {
      await runGuarded({ actor: counter, requestId: null }, fileAtCounter, { householdId: counterHousehold.id, representativeMemberId: member.id, identityDocument: "passport" });
    }
    const lineIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const household = await createHousehold({ programId: program.id });
      const resident = await createResident();
      const filing = await db.transaction((tx) =>
        submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: "line", residentId: resident.id }),
      );
      lineIds.push(filing.id);
    }
    // 12:30 and 18:10 JST submissions (lunch and after work), granted 24 and 48 hours later; one rejected.
    await db.update(filings).set({ submittedAt: new Date("2026-11-20T03:30:00Z"), status: "granted", grantedAt: new Date("2026-11-21T03:30:00Z") }).where(eq(filings.id, lineIds[0]!));
    await db.update(filings).set({ submittedAt: new Date("2026-11-20T09:10:00Z"), status: "granted", grantedAt: new Date("2026-11-22T09:10:00Z") }).where(eq(filings.id, lineIds[1]!));
    await db.update(filings).set({ submittedAt: new Date("2026-11-20T09:20:00Z"), status: "rejected" }).where(eq(filings.id, lineIds[2]!));
    await db.update(filings).set({ submittedAt: new Date("2026-11-20T00:45:00Z") }).where(inArray(filings.id, [filed.data.filingId]));

    const result = await runGuarded({ actor: viewer, requestId: null }, viewProgramReport, { programId: program.id });
    if (!result.ok) throw new Error(result.error);
    const report = result.data;
    expect(report).toMatchObject({
      households: 4,
      totalFilings: 4,
      byChannel: { line: 3, counter: 1 },
      duplicatesPrevented: 1,
      approvalRate: 2 / 3,
      rejectionRate: 1 / 3,
      medianHoursToGrant: 36,
      grantedPoints: 60_000,
    });
    expect(report.byHour[12]).toEqual({ hour: 12, line: 1, counter: 0 });
    expect(report.byHour[18]).toEqual({ hour: 18, line: 2, counter: 0 });
    expect(report.byHour[9]).toEqual({ hour: 9, line: 0, counter: 1 });
    // Heads are born in 1950: 76 on the 2026 reference date.
    expect(report.byAgeBand.find((b) => b.band === "70歳〜")).toEqual({ band: "70歳〜", line: 3, counter: 1 });
    expect(reportCsvRows(report)[0]).toEqual(["項目", "値"]);
  });
});

describe("program report: 重複申請を受付時に防止", () => {
  it("counts households stopped at the LINE check-your-answers page and at the counter, once each, besides refused submissions", async () => {
    const departmentId = (await createDepartment()).id;
    const admin = await createActor([{ departmentId, role: "dept_admin" }]);
    const counter = await createActor([{ departmentId, role: "counter" }]);
    const program = await createProgram({ departmentId, pointsPerPerson: 10_000 });
    const roster = [
      "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
      "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 太郎,トウマ タロウ,1950-09-02,男,世帯主",
      "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 花子,トウマ ハナコ,1952-04-18,女,妻",
      "0002,当麻町4条西1丁目5番3号,佐藤 健一,サトウ ケンイチ,1985-12-24,男,世帯主",
    ].join("\n");
    const imported = await runGuarded({ actor: admin, requestId: null }, importRoster, { programId: program.id, fileName: "r.csv", bytes: new TextEncoder().encode(roster) });
    if (!imported.ok) throw new Error(imported.error);
    const asResident = async (identity: { name: string; address: string; birthdate: string }) => {
      const row = await createResident();
      await createVerification({ residentId: row.id, purpose: filingPurpose(program.id), identity });
      return { resident: { id: row.id, lineUserId: row.lineUserId, displayName: null } satisfies ResidentActor, requestId: null };
    };
    const taro = await asResident({ name: "当麻 太郎", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1950-09-02" });
    const hanako = await asResident({ name: "当麻 花子", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1952-04-18" });
    expect(await runResidentGuarded(taro, submitLineFiling, { programId: program.id, confirmed: true })).toMatchObject({ ok: true });
    const report = async () => {
      const result = await runGuarded({ actor: admin, requestId: null }, viewProgramReport, { programId: program.id });
      if (!result.ok) throw new Error(result.error);
      return result.data.duplicatesPrevented;
    };
    expect(await report()).toBe(0);
    // 太郎 reopening his own filing is not a duplicate; 花子 stopped on the confirm page is, twice still one household.
    await runResidentGuarded(taro, previewLineFiling, { programId: program.id });
    expect(await report()).toBe(0);
    await runResidentGuarded(hanako, previewLineFiling, { programId: program.id });
    await runResidentGuarded(hanako, previewLineFiling, { programId: program.id });
    expect(await report()).toBe(1);

    // At the counter: 佐藤's household files, then a second visit is stopped by 「申請済み」 when the clerk opens it.
    const db = await getDb();
    const [sato] = await db.select().from(households).where(and(eq(households.programId, program.id), eq(households.householdCode, "0002")));
    const [satoHead] = await db.select().from(householdMembers).where(eq(householdMembers.householdId, sato!.id));
    const staff = { actor: counter, requestId: null };
    expect(await runGuarded(staff, fileAtCounter, { householdId: sato!.id, representativeMemberId: satoHead!.id, identityDocument: "passport" })).toMatchObject({ ok: true });
    expect(await runGuarded(staff, recordCounterDuplicateStop, { programId: program.id, householdId: sato!.id })).toMatchObject({ ok: true });
    expect(await report()).toBe(2);
    // 太郎's household, opened at the counter after his LINE filing: the same household as 花子's stop.
    const [toma] = await db.select().from(households).where(and(eq(households.programId, program.id), eq(households.householdCode, "0001")));
    expect(await runGuarded(staff, recordCounterDuplicateStop, { programId: program.id, householdId: toma!.id })).toMatchObject({ ok: true });
    expect(await report()).toBe(2);
    // Nothing filed, nothing to record.
    const unfiled = await createHousehold({ programId: program.id });
    expect(await runGuarded(staff, recordCounterDuplicateStop, { programId: program.id, householdId: unfiled.id })).toMatchObject({ ok: false, status: 409 });
  });
});
