import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { householdMembers, households } from "@/db/schema/programs";
import { addressKey, kanaKey, nameKey } from "@/lib/matching/normalize";
import { createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { getTownProfile } from "./town";
import { rekeyStoredKeys } from "./rekey";

describe("rekeyStoredKeys", () => {
  it("recomputes stale address and name keys in batches, and a second run changes nothing", async () => {
    const db = await getDb();
    const town = getTownProfile();
    const program = await createProgram({ departmentId: (await createDepartment()).id });
    const addresses = ["当麻町伊香牛111 コーポ伊香牛101号室", "旭川市4条通8丁目1番地", "当麻町霞ヶ丘3-1", "当麻町3条東2丁目11番1号"];
    const created = [];
    for (const address of addresses) created.push(await createHousehold({ programId: program.id, members: 1, address }));
    const ids = created.map((household) => household.id);
    // Keys as an older normaliser stored them, and one already current.
    await db.update(households).set({ addressKey: "stale" }).where(inArray(households.id, ids.slice(0, 3)));
    await db.update(households).set({ addressKey: addressKey(addresses[3]!, town) }).where(eq(households.id, ids[3]!));
    const member = created[0]!.members[0]!;
    await db.update(householdMembers).set({ name: "さとう はなこ", nameKana: "サトウ ハナコ", nameKey: "stale", kanaKey: "stale" }).where(eq(householdMembers.id, member.id));

    const lines: string[] = [];
    const first = await rekeyStoredKeys(db, { town, batchSize: 2, log: (line) => lines.push(line) });
    expect(first.households.updated).toBeGreaterThanOrEqual(3);
    expect(first.households.scanned).toBeGreaterThanOrEqual(4);
    expect(first.members.updated).toBeGreaterThanOrEqual(1);
    // Batches of two: progress is printed per batch.
    expect(lines.filter((line) => line.startsWith("[rekey] households:")).length).toBeGreaterThanOrEqual(2);

    const stored = await db.select({ id: households.id, address: households.address, key: households.addressKey }).from(households).where(inArray(households.id, ids));
    for (const row of stored) expect(row.key).toBe(addressKey(row.address, town));
    const [rekeyed] = await db.select().from(householdMembers).where(eq(householdMembers.id, member.id));
    expect(rekeyed).toMatchObject({ nameKey: nameKey("さとう はなこ"), kanaKey: kanaKey("サトウ ハナコ") });

    const second = await rekeyStoredKeys(db, { town, batchSize: 2 });
    expect(second.households).toEqual({ scanned: first.households.scanned, updated: 0 });
    expect(second.members.updated).toBe(0);
    expect(second.verifications.updated).toBe(0);
  });
});
