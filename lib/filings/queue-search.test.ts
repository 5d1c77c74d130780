import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { households } from "@/db/schema/programs";
import { addressKey } from "@/lib/matching/normalize";
import { getTownProfile } from "@/lib/programs/town";
import { createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { submitFiling } from "./core";
import { getFilingQueuePage } from "./queries";

async function programWith(addresses: string[]) {
  const program = await createProgram({ departmentId: (await createDepartment()).id });
  const db = await getDb();
  const made = [];
  for (const address of addresses) {
    const household = await createHousehold({ programId: program.id, address });
    // As the roster import stores it.
    await db.update(households).set({ addressKey: addressKey(address, getTownProfile()) }).where(eq(households.id, household.id));
    const filing = await db.transaction((tx) =>
      submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: "counter" }),
    );
    made.push({ filing, household });
  }
  return { program, made };
}

async function search(programId: string, q: string) {
  const page = await getFilingQueuePage(await getDb(), { programId, dir: "asc", limit: 50, q });
  return page.rows.map((row) => row.id).sort();
}

describe("review queue search", () => {
  it("finds a filing by its household code, exactly", async () => {
    const { program, made } = await programWith(["当麻町3条東2丁目11番1号", "当麻町3条東2丁目12番1号"]);
    const [first, second] = made;
    expect(await search(program.id, first!.household.householdCode)).toEqual([first!.filing.id]);
    // Typed in full width with stray spaces, as an IME often leaves it.
    const fullWidth = [...second!.household.householdCode].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
    expect(await search(program.id, ` ${fullWidth}　`)).toEqual([second!.filing.id]);
    expect(await search(program.id, second!.household.householdCode.slice(0, -1))).toEqual([]);
  });

  it("finds filings by address through the normalised key: kanji numerals, full width, 丁目/番/号 and hyphen forms", async () => {
    const { program, made } = await programWith(["当麻町3条東2丁目11番1号", "当麻町3条東2丁目12番1号", "当麻町4条東2丁目11番1号"]);
    const [eleven, twelve, fourth] = made.map((m) => m.filing.id);
    expect(await search(program.id, "三条東二丁目十一番")).toEqual([eleven]);
    expect(await search(program.id, "３条東２－１１－１")).toEqual([eleven]);
    expect(await search(program.id, "北海道上川郡当麻町3条東2丁目")).toEqual([eleven, twelve].sort());
    expect(await search(program.id, "4条東2丁目11番1号")).toEqual([fourth]);
    expect(await search(program.id, "5条東2丁目")).toEqual([]);
  });

  it("still finds by receipt number and by name or kana prefix", async () => {
    const { program, made } = await programWith(["当麻町3条東2丁目11番1号"]);
    const { filing } = made[0]!;
    expect(await search(program.id, filing.receiptNumber)).toEqual([filing.id]);
    expect(await search(program.id, "当麻")).toEqual([filing.id]);
    expect(await search(program.id, "とうま")).toEqual([filing.id]);
    expect(await search(program.id, "佐藤")).toEqual([]);
  });
});
