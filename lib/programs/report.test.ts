import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { filings } from "@/db/schema/filings";
import { runGuarded } from "@/lib/auth/guard";
import { submitFiling } from "@/lib/filings/core";
import { fileAtCounter } from "@/lib/filings/counter-operations";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram, createResident } from "@/lib/testing/program-factories";
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
