import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { householdMembers, households, rosterImports } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { submitFiling } from "@/lib/filings/core";
import { validateReferenceCode } from "@/lib/letters/reference-code";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createProgram } from "@/lib/testing/program-factories";
import { getHouseholdWithMembers } from "./queries";
import { importRoster } from "./operations";

const encoder = new TextEncoder();
// The test's own roster, so that parser fixtures can change without moving these expectations.
const ROSTER = [
  "世帯番号,住所,氏名,氏名カナ,生年月日,性別,続柄",
  "0001,北海道上川郡当麻町3条東2丁目11番1号,髙橋 一郎,タカハシ イチロウ,昭和25年4月1日,男,世帯主",
  "0001,当麻町三条東二丁目11-1,髙橋 和子,タカハシ カズコ,S27.10.3,女,妻",
  "0001,当麻町3条東2丁目11番地1,髙橋 翔,たかはし しょう,2010/4/1,男,孫",
  "0002,当麻町4条西1丁目5番2号 コーポ当麻101号室,山﨑 花子,ヤマザキ ハナコ,1988-02-29,女,世帯主",
  "0002,当麻町4条西1丁目5-2 コーポ当麻101号室,山﨑 陽向,ヤマザキ ヒナタ,R2.5.1,男,子",
  "0003,当麻町字伊香牛1234番地の5,佐藤 茂,サトウ シゲル,平成元年1月8日,男,世帯主",
  "0004,当麻町5条東3丁目2-7,渡邊 ハル,ワタナベ ハル,T15.12.24,女,世帯主",
].join("\r\n");
const fixture = (name: "roster-valid.csv" | "roster-errors.csv") =>
  name === "roster-valid.csv"
    ? encoder.encode(ROSTER)
    : new Uint8Array(readFileSync(path.join(process.cwd(), "lib/roster/fixtures", name)));

let admin: StaffActor;
let reviewer: StaffActor;
let departmentId: string;

beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
  reviewer = await createActor([{ departmentId, role: "reviewer" }]);
});

const as = (actor: StaffActor) => ({ actor, requestId: null });
const importFile = (actor: StaffActor, programId: string, bytes: Uint8Array, { allowRemovals = false } = {}) =>
  runGuarded(as(actor), importRoster, { programId, fileName: "roster.csv", bytes, allowRemovals });

async function rosterOf(programId: string) {
  const db = await getDb();
  return db.select().from(households).where(eq(households.programId, programId));
}

describe("roster import", () => {
  it("imports households with points = per person × members and valid reference codes", async () => {
    const program = await createProgram({ departmentId, pointsPerPerson: 10_000 });
    const result = await importFile(admin, program.id, fixture("roster-valid.csv"));
    expect(result).toMatchObject({ ok: true, data: { households: 4, members: 7, inserted: 4, encoding: "utf-8" } });
    const rows = await rosterOf(program.id);
    const byCode = Object.fromEntries(rows.map((h) => [h.householdCode, h]));
    expect(byCode["0001"]).toMatchObject({ memberCount: 3, points: 30_000 });
    expect(byCode["0002"]).toMatchObject({ memberCount: 2, points: 20_000 });
    for (const row of rows) expect(validateReferenceCode(row.referenceCode).ok).toBe(true);
  });

  it("re-importing the same file changes nothing; reference codes stay", async () => {
    const program = await createProgram({ departmentId });
    await importFile(admin, program.id, fixture("roster-valid.csv"));
    const before = await rosterOf(program.id);
    const again = await importFile(admin, program.id, fixture("roster-valid.csv"));
    expect(again).toMatchObject({ ok: true, data: { inserted: 0, updated: 0, unchanged: 4, removed: 0 } });
    const after = await rosterOf(program.id);
    expect(after.map((h) => [h.householdCode, h.referenceCode, h.updatedAt.getTime()]).sort()).toEqual(
      before.map((h) => [h.householdCode, h.referenceCode, h.updatedAt.getTime()]).sort(),
    );
  });

  it("accepts Shift_JIS", async () => {
    const program = await createProgram({ departmentId });
    const sjis = new Uint8Array(iconv.encode(ROSTER, "cp932"));
    expect(await importFile(admin, program.id, sjis)).toMatchObject({ ok: true, data: { encoding: "shift_jis", households: 4, members: 7 } });
  });

  it("a file with errors reports every bad line and imports nothing", async () => {
    const program = await createProgram({ departmentId });
    const result = await importFile(admin, program.id, fixture("roster-errors.csv"));
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (result.ok) return;
    expect(result.fieldErrors!.file!.length).toBeGreaterThanOrEqual(4);
    expect(result.fieldErrors!.file!.every((line) => /^\d+行目: /.test(line))).toBe(true);
    expect(await rosterOf(program.id)).toHaveLength(0);
    const db = await getDb();
    expect(await db.select().from(rosterImports).where(eq(rosterImports.programId, program.id))).toHaveLength(0);
  });

  it("a corrected file updates members and points in place; a filed household cannot be dropped", async () => {
    const program = await createProgram({ departmentId, pointsPerPerson: 5_000 });
    await importFile(admin, program.id, fixture("roster-valid.csv"));
    const text = new TextDecoder().decode(fixture("roster-valid.csv"));
    const withNewborn = `${text.trimEnd()}\r\n0004,当麻町5条東3丁目2-7,渡邊 ナツ,ワタナベ ナツ,2025-06-01,女,孫\n`;
    const corrected = await importFile(admin, program.id, encoder.encode(withNewborn));
    expect(corrected).toMatchObject({ ok: true, data: { updated: 1, unchanged: 3 } });
    const household = (await rosterOf(program.id)).find((h) => h.householdCode === "0004")!;
    expect(household).toMatchObject({ memberCount: 2, points: 10_000 });

    const withMembers = (await getHouseholdWithMembers(await getDb(), { householdId: household.id }))!;
    const db = await getDb();
    await db.transaction((tx) =>
      submitFiling(tx, { program, household: withMembers, representativeMemberId: withMembers.members[0]!.id, channel: "counter" }),
    );
    const withoutHousehold = text.split("\r\n").filter((line) => !line.startsWith("0004,")).join("\r\n");
    const refused = await importFile(admin, program.id, encoder.encode(withoutHousehold));
    expect(refused).toMatchObject({ ok: false, status: 409, fieldErrors: { file: [expect.stringContaining("0004")] } });
    expect(await db.select().from(householdMembers).where(eq(householdMembers.householdId, household.id))).toHaveLength(2);
  });

  it("a file missing households removes them only when staff tick the box, so mailed reference codes are not voided by mistake", async () => {
    const program = await createProgram({ departmentId });
    await importFile(admin, program.id, fixture("roster-valid.csv"));
    const before = await rosterOf(program.id);
    const text = new TextDecoder().decode(fixture("roster-valid.csv"));
    const partial = encoder.encode(text.split("\r\n").filter((line) => !line.startsWith("0004,")).join("\r\n"));
    const refused = await importFile(admin, program.id, partial);
    expect(refused).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining("1世帯が、このファイルにありません"),
      fieldErrors: { file: [expect.stringContaining("世帯番号 0004")] },
    });
    expect((await rosterOf(program.id)).map((h) => h.referenceCode).sort()).toEqual(before.map((h) => h.referenceCode).sort());
    const db = await getDb();
    expect(await db.select().from(rosterImports).where(eq(rosterImports.programId, program.id))).toHaveLength(1);

    const consented = await importFile(admin, program.id, partial, { allowRemovals: true });
    expect(consented).toMatchObject({ ok: true, data: { removed: 1, unchanged: 3 } });
    expect((await rosterOf(program.id)).map((h) => h.householdCode).sort()).toEqual(["0001", "0002", "0003"]);
  });

  it("only the owning department's admins may import", async () => {
    const program = await createProgram({ departmentId });
    expect(await importFile(reviewer, program.id, fixture("roster-valid.csv"))).toMatchObject({ ok: false, status: 403 });
    const otherAdmin = await createActor([{ departmentId: (await createDepartment()).id, role: "dept_admin" }]);
    expect(await importFile(otherAdmin, program.id, fixture("roster-valid.csv"))).toMatchObject({ ok: false, status: 403 });
    expect(await importFile(admin, program.id, new Uint8Array())).toMatchObject({ ok: false, status: 400, fieldErrors: { bytes: ["ファイルが空です"] } });
  });
});
