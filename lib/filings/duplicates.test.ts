import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { filings } from "@/db/schema/filings";
import { householdMembers } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { dismissDuplicateGroup, scanDuplicates } from "./duplicates";
import { resolveDuplicateGroup } from "./operations";
import { fileAtCounter } from "./counter-operations";

async function setup() {
  const departmentId = (await createDepartment()).id;
  const reviewer = await createActor([{ departmentId, role: "reviewer" }]);
  const counter = await createActor([{ departmentId, role: "counter" }]);
  const program = await createProgram({ departmentId });
  const file = async (address: string, headName: string, headKana: string) => {
    const household = await createHousehold({ programId: program.id, members: 2, address });
    const db = await getDb();
    await db.update(householdMembers).set({ name: headName, nameKana: headKana }).where(eq(householdMembers.id, household.members[0]!.id));
    const result = await runGuarded({ actor: counter, requestId: null }, fileAtCounter, {
      householdId: household.id,
      representativeMemberId: household.members[0]!.id,
      identityDocument: "drivers_license",
    });
    if (!result.ok) throw new Error(result.error);
    return result.data.filingId;
  };
  const flags = async (ids: string[]) => {
    const db = await getDb();
    const rows = await db.select().from(filings).where(inArray(filings.id, ids));
    return Object.fromEntries(rows.map((r) => [r.id, r.duplicateSuspected]));
  };
  return { program, reviewer, file, flags, as: { actor: reviewer, requestId: null } };
}

describe("fuzzy duplicate scan", () => {
  it("flags similar representatives at one normalised address (two household records), not people elsewhere", async () => {
    const { program, file, flags, as } = await setup();
    const a = await file("当麻町3条東2丁目11番1号", "髙橋 一郎", "タカハシ イチロウ");
    const b = await file("当麻町3条東2丁目11番1号", "高橋 一郎", "タカハシ イチロウ");
    const elsewhere = await file("当麻町4条東2丁目11番1号", "高橋 一郎", "タカハシ イチロウ");
    const differentPerson = await file("当麻町3条東2丁目11番1号", "佐藤 花子", "サトウ ハナコ");
    const result = await runGuarded(as, scanDuplicates, { programId: program.id });
    expect(result).toMatchObject({ ok: true, data: { groups: 1, newlyFlagged: 2 } });
    expect(await flags([a, b, elsewhere, differentPerson])).toEqual({ [a]: true, [b]: true, [elsewhere]: false, [differentPerson]: false });
  });

  it("keeping one and closing the other dissolves the group; a re-scan flags nothing", async () => {
    const { program, file, as } = await setup();
    const a = await file("当麻町5条西1丁目1番1号", "渡邊 ハル", "ワタナベ ハル");
    const b = await file("当麻町5条西1丁目1番1号", "渡辺 ハル", "ワタナベ ハル");
    await runGuarded(as, scanDuplicates, { programId: program.id });
    const resolved = await runGuarded(as, resolveDuplicateGroup, { keepFilingId: a, closeFilingIds: [b], reason: "同一世帯の重複申請" });
    expect(resolved.ok).toBe(true);
    expect(await runGuarded(as, scanDuplicates, { programId: program.id })).toMatchObject({ ok: true, data: { groups: 0 } });
  });

  it("a group dismissed as different households stays out of later scans", async () => {
    const { program, file, flags, as } = await setup();
    const a = await file("当麻町6条東1丁目1番1号", "山田 太郎", "ヤマダ タロウ");
    const b = await file("当麻町6条東1丁目1番1号", "山田 太朗", "ヤマダ タロウ");
    await runGuarded(as, scanDuplicates, { programId: program.id });
    expect(await runGuarded(as, dismissDuplicateGroup, { filingIds: [a, b], reason: "別世帯（親子）と確認" })).toMatchObject({ ok: true });
    expect(await runGuarded(as, scanDuplicates, { programId: program.id })).toMatchObject({ ok: true, data: { groups: 0 } });
    expect(await flags([a, b])).toEqual({ [a]: false, [b]: false });
  });
});
