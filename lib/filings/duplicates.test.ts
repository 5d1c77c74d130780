import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filings } from "@/db/schema/filings";
import { householdMembers } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { countFlaggedFilings, dismissDuplicateGroup, getLastDuplicateScan, refreshDuplicateFlags, scanDuplicates } from "./duplicates";
import { resolveDuplicateGroup } from "./operations";
import { fileAtCounter } from "./counter-operations";
import { watchDuplicatesOnce } from "./duplicate-watch";

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

describe("duplicate flags refreshed when the screen opens", () => {
  it("scans the whole program the first time, then only what changed since, and remembers when it ran", async () => {
    const { program, file, flags, as } = await setup();
    const a = await file("当麻町2条西3丁目3番3号", "長谷川 進", "ハセガワ ススム");
    const b = await file("当麻町2条西3丁目3番3号", "長谷川 晋", "ハセガワ ススム");
    const db = await getDb();
    expect(await getLastDuplicateScan(db, { programId: program.id })).toBeNull();
    // Nobody pressed scan: opening the screen flags the pair.
    expect(await runGuarded(as, refreshDuplicateFlags, { programId: program.id })).toMatchObject({ ok: true, data: { mode: "full", newlyFlagged: 2 } });
    expect(await flags([a, b])).toEqual({ [a]: true, [b]: true });
    // The screen's total comes from the report tallies, which the flagging statement itself updated.
    expect(await countFlaggedFilings(db, { programId: program.id })).toBe(2);
    const first = await getLastDuplicateScan(db, { programId: program.id });
    expect(first).toBeInstanceOf(Date);

    // Nothing changed: nothing to check. A new similar filing at another shared address is found on the next open.
    expect(await runGuarded(as, refreshDuplicateFlags, { programId: program.id })).toMatchObject({ ok: true, data: { mode: "changed", checked: 0, newlyFlagged: 0 } });
    const c = await file("当麻町2条西4丁目4番4号", "渡邊 ハル", "ワタナベ ハル");
    const d = await file("当麻町2条西4丁目4番4号", "渡辺 ハル", "ワタナベ ハル");
    expect(await runGuarded(as, refreshDuplicateFlags, { programId: program.id })).toMatchObject({ ok: true, data: { mode: "changed", checked: 2, newlyFlagged: 2 } });
    expect(await flags([c, d])).toEqual({ [c]: true, [d]: true });
    expect(await countFlaggedFilings(db, { programId: program.id })).toBe(4);
    expect((await getLastDuplicateScan(db, { programId: program.id }))!.getTime()).toBeGreaterThanOrEqual(first!.getTime());
  });
});

describe("the worker's duplicate watch", () => {
  it("flags what changed in programs open for filing, as the system, so the screen's next refresh has nothing left to scan", async () => {
    const { program, file, flags, as } = await setup();
    const a = await file("当麻町7条西2丁目5番5号", "小林 誠", "コバヤシ マコト");
    const b = await file("当麻町7条西2丁目5番5号", "小林 誠一", "コバヤシ マコト");
    expect(await watchDuplicatesOnce({ onlyProgramIds: [program.id] })).toEqual({ programs: 1, newlyFlagged: 2 });
    expect(await flags([a, b])).toEqual({ [a]: true, [b]: true });
    const db = await getDb();
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, program.id), eq(auditLog.action, "filing.duplicate_scan")));
    expect(entry).toMatchObject({ actorType: "system", actorLabel: "duplicate-watch", after: { mode: "full", newlyFlagged: 2 } });
    // Later filings are checked incrementally by the next round; the screen then finds nothing changed.
    const c = await file("当麻町7条西3丁目6番6号", "斎藤 茂", "サイトウ シゲル");
    const d = await file("当麻町7条西3丁目6番6号", "齋藤 茂", "サイトウ シゲル");
    expect(await watchDuplicatesOnce({ onlyProgramIds: [program.id] })).toEqual({ programs: 1, newlyFlagged: 2 });
    expect(await flags([c, d])).toEqual({ [c]: true, [d]: true });
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityId, program.id), eq(auditLog.action, "filing.duplicate_scan")));
    expect(entries.map((e) => (e.after as { mode: string; checked: number | null }).checked).sort()).toEqual([2, null]);
    expect(await runGuarded(as, refreshDuplicateFlags, { programId: program.id })).toMatchObject({ ok: true, data: { mode: "changed", checked: 0, newlyFlagged: 0 } });
  });

  it("leaves programs not open for filing alone", async () => {
    const departmentId = (await createDepartment()).id;
    const closed = await createProgram({ departmentId, status: "closed" });
    expect(await watchDuplicatesOnce({ onlyProgramIds: [closed.id] })).toEqual({ programs: 0, newlyFlagged: 0 });
    expect(await getLastDuplicateScan(await getDb(), { programId: closed.id })).toBeNull();
  });
});

