import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filings } from "@/db/schema/filings";
import { grantBatches } from "@/db/schema/grants";
import { householdMembers, households } from "@/db/schema/programs";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { addressKey } from "@/lib/matching/normalize";
import { getTownProfile } from "@/lib/programs/town";
import { applyBatchResult, createGrantBatch, markBatchExported } from "@/lib/grants/operations";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { fileAtCounter } from "./counter-operations";
import { dismissDuplicateGroup, findDuplicateGroupsAround, scanDuplicates } from "./duplicates";
import { bulkApproveFilings, decideFiling, resolveDuplicateGroup } from "./operations";
import { viewDuplicateGroups } from "./views";

let departmentId: string;
let reviewer: StaffActor;
let counter: StaffActor;
let admin: StaffActor;

beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  reviewer = await createActor([{ departmentId, role: "reviewer" }]);
  counter = await createActor([{ departmentId, role: "counter" }]);
  admin = await createActor([{ departmentId, role: "dept_admin" }]);
});

const as = (actor: StaffActor) => ({ actor, requestId: null });

/** A fresh program (so batches and scans see only this test's filings) and a way to file at the counter in it. */
async function freshProgram() {
  const program = await createProgram({ departmentId });
  const file = async (address: string, name = "髙橋 一郎", kana = "タカハシ イチロウ") => {
    const household = await createHousehold({ programId: program.id, members: 2, address });
    const db = await getDb();
    // As the roster import stores it: the normalised key, so notation variants share it.
    await db.update(households).set({ addressKey: addressKey(address, getTownProfile()) }).where(eq(households.id, household.id));
    await db.update(householdMembers).set({ name, nameKana: kana }).where(eq(householdMembers.id, household.members[0]!.id));
    const result = await runGuarded(as(counter), fileAtCounter, {
      householdId: household.id,
      representativeMemberId: household.members[0]!.id,
      identityDocument: "drivers_license",
    });
    if (!result.ok) throw new Error(result.error);
    const [row] = await db.select().from(filings).where(eq(filings.id, result.data.filingId));
    return row!;
  };
  return { program, file };
}

async function statesOf(ids: string[]) {
  const db = await getDb();
  const rows = await db.select().from(filings).where(inArray(filings.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, [r.status, r.duplicateSuspected]]));
}

async function approve(filingId: string) {
  const result = await runGuarded(as(reviewer), decideFiling, { filingId, decision: "approve" });
  if (!result.ok) throw new Error(result.error);
}

const REASON = "同じ世帯の方からの重複申請のため";

describe("resolving a duplicate group never closes a filing held by a live grant batch", () => {
  it("refuses with the receipt and batch number, changes nothing, and the batch's result import still succeeds", async () => {
    const { program, file } = await freshProgram();
    const inBatch = await file("当麻町3条東2丁目11番1号", "髙橋 一郎");
    const other = await file("当麻町3条東2丁目11-1", "高橋 一郎");
    await approve(inBatch.id);
    const batch = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!batch.ok) throw new Error(batch.error);

    const refused = await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: other.id, closeFilingIds: [inBatch.id], reason: REASON });
    expect(refused).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining(`受付番号 ${inBatch.receiptNumber} は給付バッチ（${batch.data.batchNumber}）に入っているため取りまとめできません。`),
    });
    expect(await statesOf([inBatch.id, other.id])).toEqual({ [inBatch.id]: ["approved", false], [other.id]: ["submitted", false] });

    // Still refused once the file has gone to the vendor (exported is live too).
    expect((await runGuarded(as(admin), markBatchExported, { batchId: batch.data.id })).ok).toBe(true);
    expect(await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: other.id, closeFilingIds: [inBatch.id], reason: REASON })).toMatchObject({
      ok: false,
      status: 409,
    });
    const imported = await runGuarded(as(admin), applyBatchResult, {
      batchId: batch.data.id,
      totals: { count: 1, points: inBatch.points },
      rows: [{ filingId: inBatch.id, outcome: "granted", reason: null }],
    });
    expect(imported.ok).toBe(true);
    expect(await statesOf([inBatch.id])).toEqual({ [inBatch.id]: ["granted", false] });
  });

  it("keeping the batched filing and closing the other is allowed; a failed (released) item no longer blocks", async () => {
    const { program, file } = await freshProgram();
    const a = await file("当麻町5条西1丁目1番1号", "渡邊 ハル", "ワタナベ ハル");
    const b = await file("当麻町5条西1丁目1番1号", "渡辺 ハル", "ワタナベ ハル");
    await approve(a.id);
    const batch = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!batch.ok) throw new Error(batch.error);
    await runGuarded(as(admin), markBatchExported, { batchId: batch.data.id });
    const failed = await runGuarded(as(admin), applyBatchResult, {
      batchId: batch.data.id,
      totals: { count: 1, points: a.points },
      rows: [{ filingId: a.id, outcome: "failed", reason: "口座なし" }],
    });
    expect(failed.ok).toBe(true);
    const db = await getDb();
    expect((await db.select().from(grantBatches).where(eq(grantBatches.id, batch.data.id)))[0]!.status).toBe("completed");
    // The failed item released the filing: it can now be closed.
    expect(await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: b.id, closeFilingIds: [a.id], reason: REASON })).toMatchObject({
      ok: true,
      data: { closed: 1 },
    });
    expect(await statesOf([a.id, b.id])).toEqual({ [a.id]: ["closed_duplicate", false], [b.id]: ["submitted", false] });
  });

  it("a filing in an open batch may be the one that is kept", async () => {
    const { program, file } = await freshProgram();
    const a = await file("当麻町6条東1丁目1番1号", "山田 太郎", "ヤマダ タロウ");
    const b = await file("当麻町6条東1丁目1番1号", "山田 太朗", "ヤマダ タロウ");
    await approve(a.id);
    expect((await runGuarded(as(admin), createGrantBatch, { programId: program.id })).ok).toBe(true);
    expect(await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: a.id, closeFilingIds: [b.id], reason: REASON })).toMatchObject({ ok: true });
    expect(await statesOf([a.id, b.id])).toEqual({ [a.id]: ["approved", false], [b.id]: ["closed_duplicate", false] });
  });
});

describe("resolving a duplicate group re-checks its input", () => {
  it("refuses to keep a filing that is no longer active (409), and nothing is closed", async () => {
    const { file } = await freshProgram();
    const a = await file("当麻町2条西3丁目4番5号");
    const b = await file("当麻町2条西3丁目4番5号", "高橋 一郎");
    expect((await runGuarded(as(reviewer), decideFiling, { filingId: a.id, decision: "reject", reason: "対象外のため" })).ok).toBe(true);
    const result = await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: a.id, closeFilingIds: [b.id], reason: REASON });
    expect(result).toMatchObject({
      ok: false,
      status: 409,
      error: `残す申請（受付番号 ${a.receiptNumber}）はすでに「却下」のため、残す申請にできません。画面を更新して、残す申請を選び直してください。`,
    });
    expect(await statesOf([b.id])).toEqual({ [b.id]: ["submitted", false] });
  });

  it("refuses filings of another program (400), naming them", async () => {
    const first = await freshProgram();
    const second = await freshProgram();
    const a = await first.file("当麻町2条西3丁目4番6号");
    const elsewhere = await second.file("当麻町2条西3丁目4番6号", "高橋 一郎");
    const result = await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: a.id, closeFilingIds: [elsewhere.id], reason: REASON });
    expect(result).toMatchObject({ ok: false, status: 400, error: expect.stringContaining(`受付番号 ${elsewhere.receiptNumber} は残す申請（${a.receiptNumber}）と別の事業の申請です。`) });
    expect(await statesOf([elsewhere.id])).toEqual({ [elsewhere.id]: ["submitted", false] });
  });

  it("refuses filings at another normalised address (400), but accepts notation variants of the same address", async () => {
    const { file } = await freshProgram();
    const a = await file("当麻町2条西3丁目4番7号");
    const farAway = await file("当麻町9条西3丁目4番7号", "高橋 一郎");
    const variant = await file("当麻町二条西三丁目４－７", "高橋 一郎");
    const refused = await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: a.id, closeFilingIds: [variant.id, farAway.id], reason: REASON });
    expect(refused).toMatchObject({ ok: false, status: 400, error: expect.stringContaining(`受付番号 ${farAway.receiptNumber} は残す申請（${a.receiptNumber}）と住所が異なるため`) });
    expect(await statesOf([variant.id, farAway.id])).toEqual({ [variant.id]: ["submitted", false], [farAway.id]: ["submitted", false] });
    expect(await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: a.id, closeFilingIds: [variant.id], reason: REASON })).toMatchObject({ ok: true });
  });

  it("refuses a kept filing listed among the closed ones and an empty reason, with field errors", async () => {
    const { file } = await freshProgram();
    const a = await file("当麻町2条西3丁目4番8号");
    const b = await file("当麻町2条西3丁目4番8号", "高橋 一郎");
    expect(await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: a.id, closeFilingIds: [a.id, b.id], reason: "" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { closeFilingIds: ["残す申請は取りまとめの対象にできません"], reason: ["理由を2文字以上で入力してください"] },
    });
    expect(await statesOf([a.id, b.id])).toEqual({ [a.id]: ["submitted", false], [b.id]: ["submitted", false] });
  });
});

describe("bulk approve re-checks the selection for fuzzy duplicates", () => {
  it("holds back a never-scanned duplicate, flags its whole group, approves the rest and says so", async () => {
    const { program, file } = await freshProgram();
    const suspect = await file("当麻町3条東2丁目11番1号", "髙橋 一郎");
    const twin = await file("当麻町3条東2丁目11-1", "高橋 一郎");
    const clean = await file("当麻町4条東2丁目11番1号", "佐藤 花子", "サトウ ハナコ");
    const result = await runGuarded(as(reviewer), bulkApproveFilings, { programId: program.id, filingIds: [suspect.id, clean.id] });
    expect(result).toEqual({
      ok: true,
      data: {
        approved: 1,
        held: 1,
        heldReceiptNumbers: [suspect.receiptNumber],
        newlyFlagged: 2,
        heldMessage: "1件は重複の疑いがあるため承認しませんでした。新たに2件に重複の疑いの印を付けました。「重複の確認」画面で、残す申請を選んでください。",
      },
    });
    expect(await statesOf([suspect.id, twin.id, clean.id])).toEqual({
      [suspect.id]: ["submitted", true],
      [twin.id]: ["submitted", true],
      [clean.id]: ["approved", false],
    });
    const db = await getDb();
    const flaggedAudit = await db.select().from(auditLog).where(and(eq(auditLog.action, "filing.duplicate_flagged"), eq(auditLog.entityId, program.id)));
    expect(flaggedAudit).toHaveLength(1);
    // The group is now on the duplicates screen.
    const shown = await runGuarded(as(reviewer), viewDuplicateGroups, { programId: program.id });
    if (!shown.ok) throw new Error(shown.error);
    expect(shown.data.map((group) => group.map((f) => f.id))).toEqual([[suspect.id, twin.id]]);
  });

  it("a duplicate of an already approved filing is held too; selecting both of a pair approves neither", async () => {
    const { program, file } = await freshProgram();
    const approved = await file("当麻町1条北1丁目1番1号", "渡邊 ハル", "ワタナベ ハル");
    await approve(approved.id);
    const late = await file("当麻町1条北1丁目1番1号", "渡辺 ハル", "ワタナベ ハル");
    expect(await runGuarded(as(reviewer), bulkApproveFilings, { programId: program.id, filingIds: [late.id] })).toMatchObject({
      ok: true,
      data: { approved: 0, held: 1, newlyFlagged: 2 },
    });
    expect(await statesOf([approved.id, late.id])).toEqual({ [approved.id]: ["approved", true], [late.id]: ["submitted", true] });

    const x = await file("当麻町1条北2丁目1番1号", "山田 太郎", "ヤマダ タロウ");
    const y = await file("当麻町1条北2丁目1番1号", "山田 太朗", "ヤマダ タロウ");
    expect(await runGuarded(as(reviewer), bulkApproveFilings, { programId: program.id, filingIds: [x.id, y.id] })).toMatchObject({
      ok: true,
      data: { approved: 0, held: 2, heldMessage: expect.stringMatching(/^2件は重複の疑いがあるため承認しませんでした。/) },
    });
    expect(await statesOf([x.id, y.id])).toEqual({ [x.id]: ["submitted", true], [y.id]: ["submitted", true] });
  });

  it("two reviewers bulk-approving the two halves of a pair at once both finish, and neither half is approved", async () => {
    const { program, file } = await freshProgram();
    const pairs = [];
    for (let i = 0; i < 5; i++) {
      pairs.push([await file(`当麻町2条南${i + 1}丁目1番1号`, "佐々木 一", "ササキ ハジメ"), await file(`当麻町2条南${i + 1}丁目1番1号`, "佐佐木 一", "ササキ ハジメ")]);
    }
    const results = await Promise.all(
      pairs.flatMap(([a, b]) => [a!, b!].map((half) => runGuarded(as(reviewer), bulkApproveFilings, { programId: program.id, filingIds: [half.id] }))),
    );
    // Whoever comes second finds its half flagged already and is refused as usual; nobody deadlocks, nobody approves.
    expect(results.map((r) => (r.ok ? `held ${r.data.held}, approved ${r.data.approved}` : r.status))).toEqual(
      results.map((r) => (r.ok ? "held 1, approved 0" : 409)),
    );
    const ids = pairs.flat().map((f) => f.id);
    expect(Object.values(await statesOf(ids))).toEqual(ids.map(() => ["submitted", true]));
  });

  it("approves everything when nothing is suspect, and leaves a group staff dismissed alone", async () => {
    const { program, file } = await freshProgram();
    const a = await file("当麻町6条東1丁目1番1号", "山田 太郎", "ヤマダ タロウ");
    const b = await file("当麻町6条東1丁目1番1号", "山田 太朗", "ヤマダ タロウ");
    const c = await file("当麻町6条東1丁目1番1号", "佐藤 花子", "サトウ ハナコ");
    await runGuarded(as(reviewer), scanDuplicates, { programId: program.id });
    expect((await runGuarded(as(reviewer), dismissDuplicateGroup, { filingIds: [a.id, b.id], reason: "別世帯（親子）と確認" })).ok).toBe(true);
    expect(await runGuarded(as(reviewer), bulkApproveFilings, { programId: program.id, filingIds: [a.id, b.id, c.id] })).toEqual({
      ok: true,
      data: { approved: 3, held: 0, heldReceiptNumbers: [], newlyFlagged: 0, heldMessage: null },
    });
    expect(await statesOf([a.id, b.id, c.id])).toEqual({ [a.id]: ["approved", false], [b.id]: ["approved", false], [c.id]: ["approved", false] });
  });
});

describe("a room written as a trailing hyphen part is the same home as the building's 号室", () => {
  it("the scan pairs 111-101 with 111 コーポ101号室 (not 102号室, not another 番地) and the pair can be merged", async () => {
    const { program, file } = await freshProgram();
    const hyphen = await file("当麻町伊香牛111-101", "佐藤 花子", "サトウ ハナコ");
    const room = await file("当麻町伊香牛111 コーポ伊香牛101号室", "佐藤 花子", "サトウ ハナコ");
    const otherRoom = await file("当麻町伊香牛111 コーポ伊香牛102号室", "佐藤 花子", "サトウ ハナコ");
    const otherLot = await file("当麻町伊香牛112-101", "佐藤 花子", "サトウ ハナコ");
    // The incremental check (before a bulk approval) reads the keys one level up and down as well.
    for (const near of [hyphen.id, room.id]) {
      const around = await findDuplicateGroupsAround(await getDb(), { programId: program.id, filingIds: [near] });
      expect(around.map((group) => [...group].sort())).toEqual([[hyphen.id, room.id].sort()]);
    }
    expect(await findDuplicateGroupsAround(await getDb(), { programId: program.id, filingIds: [otherLot.id] })).toEqual([]);
    const scan = await runGuarded(as(reviewer), scanDuplicates, { programId: program.id });
    expect(scan).toMatchObject({ ok: true, data: { groups: 1, filings: 2 } });
    expect(await statesOf([hyphen.id, room.id, otherRoom.id, otherLot.id])).toEqual({
      [hyphen.id]: ["submitted", true],
      [room.id]: ["submitted", true],
      [otherRoom.id]: ["submitted", false],
      [otherLot.id]: ["submitted", false],
    });
    expect(await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: hyphen.id, closeFilingIds: [otherRoom.id], reason: REASON })).toMatchObject({ ok: false, status: 400 });
    expect(await runGuarded(as(reviewer), resolveDuplicateGroup, { keepFilingId: hyphen.id, closeFilingIds: [room.id], reason: REASON })).toMatchObject({ ok: true });
  });
});
