import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { householdMembers, households } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { importRoster } from "@/lib/programs/operations";
import { runResidentGuarded, type ResidentActor } from "@/lib/residents/guard";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createProgram, createResident, createVerification } from "@/lib/testing/program-factories";
import { fileAtCounter } from "./counter-operations";
import { filingPurpose, previewLineFiling, submitLineFiling, withdrawOwnFiling } from "./resident-operations";
import { viewHouseholdFilings, viewOwnReceipt } from "./resident-queries";

const ROSTER = [
  "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
  "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 太郎,トウマ タロウ,1950-09-02,男,世帯主",
  "0001,北海道上川郡当麻町3条東2丁目11番1号,当麻 花子,トウマ ハナコ,1952-04-18,女,妻",
  "0002,当麻町4条西1丁目5番3号,佐藤 健一,サトウ ケンイチ,1985-12-24,男,世帯主",
].join("\n");
const TARO = { name: "当麻 太郎", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1950-09-02" };
const HANAKO = { name: "当麻 花子", address: "北海道上川郡当麻町3条東2丁目11番1号", birthdate: "1952-04-18" };
const KENICHI = { name: "佐藤 健一", address: "当麻町4条西1丁目5番3号", birthdate: "1985-12-24" };

let departmentId: string;
let admin: StaffActor;

beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
});

async function freshProgram() {
  const program = await createProgram({ departmentId, pointsPerPerson: 10_000 });
  const imported = await runGuarded({ actor: admin, requestId: null }, importRoster, { programId: program.id, fileName: "r.csv", bytes: new TextEncoder().encode(ROSTER) });
  if (!imported.ok) throw new Error(imported.error);
  return program;
}

async function verified(programId: string, identity: typeof TARO): Promise<ResidentActor> {
  const row = await createResident();
  await createVerification({ residentId: row.id, purpose: filingPurpose(programId), identity });
  return { id: row.id, lineUserId: row.lineUserId, displayName: null };
}

const as = (resident: ResidentActor) => ({ resident, requestId: null });

describe("the receipt page", () => {
  it("shows the filer's own filing on every visit, and nobody else's", async () => {
    const program = await freshProgram();
    const taro = await verified(program.id, TARO);
    const filed = await runResidentGuarded(as(taro), submitLineFiling, { programId: program.id, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    for (let visit = 0; visit < 2; visit++) {
      expect(await runResidentGuarded(as(taro), viewOwnReceipt, { filingId: filed.data.filingId })).toMatchObject({
        ok: true,
        data: { receiptNumber: filed.data.receiptNumber, status: "submitted", points: 20_000, program: { id: program.id } },
      });
    }
    // Back on the confirm page after filing: the filer is led to the receipt, not refused.
    expect(await runResidentGuarded(as(taro), previewLineFiling, { programId: program.id })).toMatchObject({
      ok: true,
      data: { kind: "already_filed", own: true, filingId: filed.data.filingId },
    });
    const hanako = await verified(program.id, HANAKO);
    expect(await runResidentGuarded(as(hanako), viewOwnReceipt, { filingId: filed.data.filingId })).toMatchObject({ ok: false, status: 404 });
    const hanakosPreview = await runResidentGuarded(as(hanako), previewLineFiling, { programId: program.id });
    expect(hanakosPreview.ok && hanakosPreview.data.kind === "already_filed" && "filingId" in hanakosPreview.data).toBe(false);
  });
});

describe("the household on the status page", () => {
  it("a verified member sees that the household filed, when, how and its state; the filer and other households do not see it there", async () => {
    const program = await freshProgram();
    const taro = await verified(program.id, TARO);
    const hanako = await verified(program.id, HANAKO);
    const kenichi = await verified(program.id, KENICHI);
    expect(await runResidentGuarded(as(hanako), viewHouseholdFilings, {})).toEqual({ ok: true, data: [] });
    const filed = await runResidentGuarded(as(taro), submitLineFiling, { programId: program.id, confirmed: true });
    if (!filed.ok) throw new Error(filed.error);
    const seen = await runResidentGuarded(as(hanako), viewHouseholdFilings, {});
    expect(seen).toEqual({ ok: true, data: [{ programId: program.id, programName: program.name, translations: {}, submittedAt: filed.data.submittedAt, channel: "line", status: "submitted" }] });
    // Only the summary: no receipt number, members or points.
    expect(JSON.stringify(seen)).not.toContain(filed.data.receiptNumber);
    expect(await runResidentGuarded(as(taro), viewHouseholdFilings, {})).toEqual({ ok: true, data: [] });
    expect(await runResidentGuarded(as(kenichi), viewHouseholdFilings, {})).toEqual({ ok: true, data: [] });
    // Withdrawn: the household holds no filing any more.
    await runResidentGuarded(as(taro), withdrawOwnFiling, { filingId: filed.data.filingId });
    expect(await runResidentGuarded(as(hanako), viewHouseholdFilings, {})).toEqual({ ok: true, data: [] });
  });

  it("a counter filing shows too, as filed at the counter", async () => {
    const program = await freshProgram();
    const hanako = await verified(program.id, HANAKO);
    const clerk = await createActor([{ departmentId, role: "counter" }]);
    const db = await getDb();
    const [household] = await db.select().from(households).where(and(eq(households.programId, program.id), eq(households.householdCode, "0001")));
    const [head] = await db.select().from(householdMembers).where(and(eq(householdMembers.householdId, household!.id), eq(householdMembers.isHead, true)));
    const counterFiled = await runGuarded({ actor: clerk, requestId: null }, fileAtCounter, { householdId: household!.id, representativeMemberId: head!.id, identityDocument: "drivers_license" });
    if (!counterFiled.ok) throw new Error(counterFiled.error);
    expect(await runResidentGuarded(as(hanako), viewHouseholdFilings, {})).toMatchObject({ ok: true, data: [{ channel: "counter", status: "submitted" }] });
  });
});
