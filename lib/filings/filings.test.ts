import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filings } from "@/db/schema/filings";
import { lineOutbox } from "@/db/schema/line";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram, createResident } from "@/lib/testing/program-factories";
import { submitFiling } from "./core";
import { bulkApproveFilings, decideFiling, resolveDuplicateGroup } from "./operations";
import { fileAtCounter } from "./counter-operations";

let department: { id: string };
let otherDepartment: { id: string };
let counter: StaffActor;
let reviewer: StaffActor;
let otherReviewer: StaffActor;
let program: Awaited<ReturnType<typeof createProgram>>;

beforeAll(async () => {
  department = await createDepartment();
  otherDepartment = await createDepartment();
  counter = await createActor([{ departmentId: department.id, role: "counter" }]);
  reviewer = await createActor([{ departmentId: department.id, role: "reviewer" }]);
  otherReviewer = await createActor([{ departmentId: otherDepartment.id, role: "reviewer" }]);
  program = await createProgram({ departmentId: department.id });
});

const as = (actor: StaffActor) => ({ actor, requestId: null });

async function activeFilingsOf(householdId: string) {
  const db = await getDb();
  return db
    .select()
    .from(filings)
    .where(and(eq(filings.householdId, householdId), sql`${filings.status} in ('submitted','returned','approved','granted')`));
}

async function fileOverLine(household: Awaited<ReturnType<typeof createHousehold>>, residentId: string) {
  const db = await getDb();
  return db.transaction((tx) =>
    submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: "line", residentId }),
  );
}

function counterInput(household: Awaited<ReturnType<typeof createHousehold>>) {
  return { householdId: household.id, representativeMemberId: household.members[0]!.id, identityDocument: "drivers_license" };
}

describe("counter filing", () => {
  it("files for the household: points are per person × members, a receipt number, history and audit", async () => {
    const household = await createHousehold({ programId: program.id, members: 4 });
    const result = await runGuarded(as(counter), fileAtCounter, counterInput(household));
    expect(result).toMatchObject({ ok: true, data: { points: 40_000, memberCount: 4, representativeName: "当麻 太郎" } });
    if (!result.ok) return;
    expect(result.data.receiptNumber).toMatch(new RegExp(`^${program.code}-\\d{7}$`));
    const db = await getDb();
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, result.data.filingId));
    expect(audit.map((a) => a.action)).toEqual(["filing.file_counter"]);
  });

  it("refuses a representative who is not a member of the household", async () => {
    const household = await createHousehold({ programId: program.id });
    const other = await createHousehold({ programId: program.id });
    const result = await runGuarded(as(counter), fileAtCounter, { ...counterInput(household), representativeMemberId: other.members[0]!.id });
    expect(result).toMatchObject({ ok: false, status: 400, fieldErrors: { representativeMemberId: ["この世帯の方を選んでください"] } });
    expect(await activeFilingsOf(household.id)).toHaveLength(0);
  });

  it("a reviewer of another department cannot file for this program's households", async () => {
    const household = await createHousehold({ programId: program.id });
    const otherCounter = await createActor([{ departmentId: otherDepartment.id, role: "counter" }]);
    expect(await runGuarded(as(otherCounter), fileAtCounter, counterInput(household))).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses filings when the program is not open", async () => {
    const closed = await createProgram({ departmentId: department.id, status: "closed" });
    const household = await createHousehold({ programId: closed.id });
    const result = await runGuarded(as(counter), fileAtCounter, counterInput(household));
    expect(result).toMatchObject({ ok: false, status: 409, error: "この事業は現在、申請を受け付けていません。" });
  });
});

describe("duplicate household guard", () => {
  it("stops the second filer of a household with the date and channel of the first; only an audit entry is written", async () => {
    const household = await createHousehold({ programId: program.id });
    const first = await runGuarded(as(counter), fileAtCounter, counterInput(household));
    expect(first.ok).toBe(true);
    const second = await runGuarded(as(counter), fileAtCounter, { ...counterInput(household), representativeMemberId: household.members[1]!.id });
    expect(second).toMatchObject({ ok: false, status: 409 });
    if (second.ok) return;
    expect(second.error).toMatch(/^この世帯は\d{1,2}月\d{1,2}日に窓口で申請済みです。/);
    expect(await activeFilingsOf(household.id)).toHaveLength(1);
    const db = await getDb();
    const prevented = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, household.id), eq(auditLog.action, "filing.duplicate_prevented")));
    expect(prevented).toHaveLength(1);
    expect(prevented[0]!.after).toMatchObject({ programId: program.id, channel: "counter" });
  });

  it("works across channels: a LINE filing stops a later counter filing, naming LINE", async () => {
    const household = await createHousehold({ programId: program.id });
    const resident = await createResident();
    await fileOverLine(household, resident.id);
    const result = await runGuarded(as(counter), fileAtCounter, counterInput(household));
    expect(result).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("LINEで申請済みです") });
  });

  it("a rejected filing no longer holds the household: the household may file again", async () => {
    const household = await createHousehold({ programId: program.id });
    const first = await runGuarded(as(counter), fileAtCounter, counterInput(household));
    if (!first.ok) throw new Error(first.error);
    const rejected = await runGuarded(as(reviewer), decideFiling, { filingId: first.data.filingId, decision: "reject", reason: "書類の不備のため" });
    expect(rejected.ok).toBe(true);
    expect((await runGuarded(as(counter), fileAtCounter, counterInput(household))).ok).toBe(true);
  });

  it("under concurrency across both channels, exactly one of 200 simultaneous filings is accepted", async () => {
    const household = await createHousehold({ programId: program.id });
    const residentsList = await Promise.all(Array.from({ length: 100 }, () => createResident()));
    const attempts = [
      ...Array.from({ length: 100 }, () => runGuarded(as(counter), fileAtCounter, counterInput(household)).then((r) => r.ok)),
      ...residentsList.map((resident) =>
        fileOverLine(household, resident.id).then(
          () => true,
          (error: unknown) => {
            if ((error as { status?: number }).status === 409) return false;
            throw error;
          },
        ),
      ),
    ];
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await activeFilingsOf(household.id)).toHaveLength(1);
  });
});

describe("review decisions", () => {
  // Each filing gets its own address (the representatives all share a name), so only a test that means to
  // create a fuzzy duplicate gets one; pass the same address to make one.
  let nextBlock = 0;
  async function newFiling(address = `当麻町7条北${++nextBlock}丁目1番1号`) {
    const household = await createHousehold({ programId: program.id, address });
    const result = await runGuarded(as(counter), fileAtCounter, counterInput(household));
    if (!result.ok) throw new Error(result.error);
    return result.data.filingId;
  }

  it("a counter clerk cannot approve", async () => {
    const filingId = await newFiling();
    expect(await runGuarded(as(counter), decideFiling, { filingId, decision: "approve" })).toMatchObject({ ok: false, status: 403 });
  });

  it("a reviewer of another department gets 403 and the filing is unchanged", async () => {
    const filingId = await newFiling();
    expect(await runGuarded(as(otherReviewer), decideFiling, { filingId, decision: "approve" })).toMatchObject({ ok: false, status: 403 });
    const db = await getDb();
    const [row] = await db.select().from(filings).where(eq(filings.id, filingId));
    expect(row!.status).toBe("submitted");
  });

  it("reject and return need a reason; approve twice is refused with the current status", async () => {
    const filingId = await newFiling();
    expect(await runGuarded(as(reviewer), decideFiling, { filingId, decision: "reject" })).toMatchObject({ ok: false, status: 400 });
    expect(await runGuarded(as(reviewer), decideFiling, { filingId, decision: "approve" })).toMatchObject({ ok: true });
    expect(await runGuarded(as(reviewer), decideFiling, { filingId, decision: "approve" })).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining("承認済み"),
    });
  });

  it("a decision on a LINE filing queues exactly one LINE message in the same transaction", async () => {
    const household = await createHousehold({ programId: program.id });
    const resident = await createResident();
    const filing = await fileOverLine(household, resident.id);
    const result = await runGuarded(as(reviewer), decideFiling, { filingId: filing.id, decision: "return", reason: "住所の記載が名簿と異なります" });
    expect(result.ok).toBe(true);
    const db = await getDb();
    const rows = await db.select().from(lineOutbox).where(eq(lineOutbox.cause, `filing:${filing.id}:returned`));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.messages)).toContain("住所の記載が名簿と異なります");
  });

  it("bulk approve refuses flagged filings and changes nothing", async () => {
    const a = await newFiling();
    const b = await newFiling();
    const db = await getDb();
    await db.update(filings).set({ duplicateSuspected: true }).where(eq(filings.id, b));
    const result = await runGuarded(as(reviewer), bulkApproveFilings, { programId: program.id, filingIds: [a, b] });
    expect(result).toMatchObject({ ok: false, status: 409 });
    const [row] = await db.select().from(filings).where(eq(filings.id, a));
    expect(row!.status).toBe("submitted");
    expect(await runGuarded(as(reviewer), bulkApproveFilings, { programId: program.id, filingIds: [a] })).toMatchObject({ ok: true, data: { approved: 1 } });
  });

  it("resolving a suspected duplicate keeps one filing and closes only the others", async () => {
    const keep = await newFiling("当麻町8条南1丁目5番3号");
    const close = await newFiling("当麻町8条南1丁目5-3");
    const db = await getDb();
    await db.update(filings).set({ duplicateSuspected: true }).where(sql`${filings.id} in (${keep}, ${close})`);
    const result = await runGuarded(as(reviewer), resolveDuplicateGroup, {
      keepFilingId: keep,
      closeFilingIds: [close],
      reason: "同じ世帯の方からの重複申請のため",
    });
    expect(result).toMatchObject({ ok: true, data: { closed: 1 } });
    const rows = await db.select().from(filings).where(sql`${filings.id} in (${keep}, ${close})`);
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.status, r.duplicateSuspected]]))).toEqual({
      [keep]: ["submitted", false],
      [close]: ["closed_duplicate", false],
    });
  });
});
