import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { filings } from "@/db/schema/filings";
import { householdMembers } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { submitFiling } from "@/lib/filings/core";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { shiftJisExportProblem } from "./export-check";
import { DEFAULT_MAPPING, parseColumnMapping } from "./export/format";
import { firstUnencodable, shiftJisRefusalPattern } from "@/lib/http/shift-jis";
import { createGrantBatch } from "./operations";

let admin: StaffActor;
let department: { id: string };

beforeAll(async () => {
  department = await createDepartment();
  admin = await createActor([{ departmentId: department.id, role: "dept_admin" }]);
});

/** A program whose approved filings' representatives bear `names`, in one open batch. */
async function batchWithNames(names: string[]) {
  const program = await createProgram({ departmentId: department.id });
  const db = await getDb();
  const ids: string[] = [];
  for (const name of names) {
    const household = await createHousehold({ programId: program.id, members: 1 });
    await db.update(householdMembers).set({ name }).where(eq(householdMembers.id, household.members[0]!.id));
    const filing = await db.transaction((tx) => submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: "counter" }));
    ids.push(filing.id);
  }
  await db.update(filings).set({ status: "approved", decidedAt: sql`now()` }).where(inArray(filings.id, ids));
  const created = await runGuarded({ actor: admin, requestId: null }, createGrantBatch, { programId: program.id });
  if (!created.ok) throw new Error(created.error);
  const receipts = Object.fromEntries((await db.select().from(filings).where(inArray(filings.id, ids))).map((f) => [f.id, f.receiptNumber]));
  return { batch: created.data, receipts: ids.map((id) => receipts[id]!) };
}

describe("Shift_JIS pre-export check", () => {
  it("the database's regex refuses exactly the characters the writer refuses, over the whole BMP and beyond", async () => {
    let all = "";
    for (let cp = 1; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all += String.fromCharCode(cp);
    all += "𠮷𩸽😀𡈽";
    const db = await getDb();
    // Code points, not characters, come back: a driver may drop a lone U+FEFF while decoding it as text.
    const result = await db.execute(sql`select ascii(c) as cp from regexp_split_to_table(${all}, '') as c where c ~ ${shiftJisRefusalPattern()}`);
    const rows = (Array.isArray(result) ? result : (result as { rows: { cp: number }[] }).rows) as { cp: number }[];
    const refusedByDatabase = rows.map((row) => Number(row.cp)).sort((a, b) => a - b);
    const refusedByWriter = [...all].filter((ch) => firstUnencodable(ch) !== null).map((ch) => ch.codePointAt(0)!).sort((a, b) => a - b);
    expect(refusedByWriter.length).toBeGreaterThan(50_000);
    expect(refusedByWriter).not.toContain("𠮷".codePointAt(0)); // folds to 吉
    expect(refusedByWriter).toContain("𩸽".codePointAt(0));
    expect(refusedByDatabase).toEqual(refusedByWriter);
  });

  it("names the receipt number, field and character of the first offending rows, and how many more there are", async () => {
    const { batch, receipts } = await batchWithNames(["𩸽 一郎", "𠮷田 誠", "髙橋 花子", "森 鷗外", "当麻 😀", "剝 二郎", "𩸽 三郎"]);
    const db = await getDb();
    const problem = await shiftJisExportProblem(db, { batchId: batch.id, batchNumber: batch.batchNumber, mapping: DEFAULT_MAPPING });
    const offenders = [
      [receipts[0], "𩸽"],
      [receipts[3], "鷗"],
      [receipts[4], "😀"],
      [receipts[5], "剝"],
      [receipts[6], "𩸽"],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(problem).toBe(
      offenders
        .slice(0, 3)
        .map(([receipt, ch]) => `受付番号 ${receipt} の氏名の「${ch}」`)
        .join("、") +
        "は Shift_JIS で出力できません（ほかに2件あります）。名簿の表記を Shift_JIS で表せる字に直してから、もう一度出力してください。ファイルは作らず、バッチも出力済みにしていません。",
    );
    // UTF-8 holds every character, and a mapping without the name column never writes it.
    expect(await shiftJisExportProblem(db, { batchId: batch.id, batchNumber: batch.batchNumber, mapping: parseColumnMapping({ ...DEFAULT_MAPPING, encoding: "utf-8" }) })).toBeNull();
    const withoutName = parseColumnMapping({ ...DEFAULT_MAPPING, columns: DEFAULT_MAPPING.columns.filter((c) => c.field !== "representativeName") });
    expect(await shiftJisExportProblem(db, { batchId: batch.id, batchNumber: batch.batchNumber, mapping: withoutName })).toBeNull();
  });

  it("passes a batch whose names Shift_JIS holds, folded variants included (the control case)", async () => {
    const { batch } = await batchWithNames(["𠮷田 誠", "髙橋 花子", "山﨑 ハル"]);
    expect(await shiftJisExportProblem(await getDb(), { batchId: batch.id, batchNumber: batch.batchNumber, mapping: DEFAULT_MAPPING })).toBeNull();
  });
});

describe("batch numbers", () => {
  it("carry the creation time in Japan time, not UTC", async () => {
    const { batchNumber } = await import("./operations");
    // 2026-11-30 23:30 UTC is 2026-12-01 08:30 in Japan.
    expect(batchNumber("BK25", new Date("2026-11-30T23:30:05Z"))).toMatch(/^BK25-20261201083005-[0-9A-F]{4}$/);
  });
});
