import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filingEvents, filings } from "@/db/schema/filings";
import { lineOutbox } from "@/db/schema/line";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { loadHouseholdCards } from "@/lib/programs/households";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram, createResident } from "@/lib/testing/program-factories";
import { submitFiling } from "./core";
import { COUNTER_RESUBMIT_REASON, fileAtCounter } from "./counter-operations";
import { decideFiling } from "./operations";

let counter: StaffActor;
let otherClerk: StaffActor;
let reviewer: StaffActor;
let program: Awaited<ReturnType<typeof createProgram>>;

beforeAll(async () => {
  const department = await createDepartment();
  counter = await createActor([{ departmentId: department.id, role: "counter" }]);
  otherClerk = await createActor([{ departmentId: department.id, role: "counter" }]);
  reviewer = await createActor([{ departmentId: department.id, role: "reviewer" }]);
  program = await createProgram({ departmentId: department.id });
});

const as = (actor: StaffActor) => ({ actor, requestId: null });
type TestHousehold = Awaited<ReturnType<typeof createHousehold>>;

async function filingsOf(householdId: string) {
  return (await getDb()).select().from(filings).where(eq(filings.householdId, householdId));
}

async function fileAtCounterFor(household: TestHousehold) {
  const filed = await runGuarded(as(counter), fileAtCounter, {
    householdId: household.id,
    representativeMemberId: household.members[0]!.id,
    identityDocument: "drivers_license",
  });
  if (!filed.ok) throw new Error(filed.error);
  return filed.data.filingId;
}

async function decide(filingId: string, decision: "return" | "approve" | "reject") {
  const decided = await runGuarded(as(reviewer), decideFiling, decision === "approve" ? { filingId, decision } : { filingId, decision, reason: "住所の記載を確認してください" });
  if (!decided.ok) throw new Error(decided.error);
}

function resubmit(household: TestHousehold, filingId: string, actor = counter) {
  return runGuarded(as(actor), fileAtCounter, {
    householdId: household.id,
    representativeMemberId: household.members[1]!.id,
    identityDocument: "my_number_card",
    resubmitFilingId: filingId,
  });
}

describe("a returned filing resubmitted at the counter", () => {
  it("the household card shows the returned filing with its reason; resubmitting moves that filing to submitted, one filing only", async () => {
    const household = await createHousehold({ programId: program.id });
    const filingId = await fileAtCounterFor(household);
    await decide(filingId, "return");

    const [card] = await loadHouseholdCards(await getDb(), program.id, [household.id]);
    expect(card!.activeFiling).toMatchObject({
      id: filingId,
      status: "returned",
      decisionReason: "住所の記載を確認してください",
    });

    const result = await resubmit(household, filingId);
    expect(result).toMatchObject({ ok: true, data: { filingId, resubmitted: true, representativeName: household.members[1]!.name } });
    const rows = await filingsOf(household.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: filingId, status: "submitted", identityDocument: "my_number_card", representativeMemberId: household.members[1]!.id, filedByStaffId: counter.id });

    const db = await getDb();
    const events = await db.select().from(filingEvents).where(eq(filingEvents.filingId, filingId)).orderBy(asc(filingEvents.at));
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "submitted"],
      ["submitted", "returned"],
      ["returned", "submitted"],
    ]);
    expect(events.at(-1)).toMatchObject({ reason: COUNTER_RESUBMIT_REASON, staffId: counter.id });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, filingId), eq(auditLog.action, "filing.resubmit_counter")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ status: "returned" });
    expect(audit[0]!.after).toMatchObject({ status: "submitted" });
  });

  it("a returned LINE filing is resubmitted in person: same filing and channel, the clerk recorded, the resident told", async () => {
    const household = await createHousehold({ programId: program.id });
    const resident = await createResident();
    const db = await getDb();
    const line = await db.transaction((tx) =>
      submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: "line", residentId: resident.id }),
    );
    await decide(line.id, "return");
    expect(await resubmit(household, line.id)).toMatchObject({ ok: true, data: { filingId: line.id, receiptNumber: line.receiptNumber } });
    const [row] = await filingsOf(household.id);
    expect(row).toMatchObject({ status: "submitted", channel: "line", residentId: resident.id, identityDocument: "my_number_card", filedByStaffId: counter.id });
    const messages = await db.select().from(lineOutbox).where(eq(lineOutbox.cause, `filing:${line.id}:submitted`));
    expect(messages).toHaveLength(1);
  });

  it("filing anew for a household with a returned filing is refused, naming that filing; nothing is written", async () => {
    const household = await createHousehold({ programId: program.id });
    const filingId = await fileAtCounterFor(household);
    await decide(filingId, "return");
    const [returned] = await filingsOf(household.id);
    const result = await runGuarded(as(counter), fileAtCounter, {
      householdId: household.id,
      representativeMemberId: household.members[0]!.id,
      identityDocument: "passport",
    });
    expect(result).toMatchObject({ ok: false, status: 409, error: expect.stringContaining(`差し戻し中の申請（受付番号 ${returned!.receiptNumber}）`) });
    expect(await filingsOf(household.id)).toEqual([returned]);
  });

  it.each(["submitted", "approved"] as const)("a household whose filing is %s is still refused with 申請済み, new or resubmitted", async (status) => {
    const household = await createHousehold({ programId: program.id });
    const filingId = await fileAtCounterFor(household);
    if (status === "approved") await decide(filingId, "approve");
    const before = await filingsOf(household.id);
    const anew = await runGuarded(as(counter), fileAtCounter, {
      householdId: household.id,
      representativeMemberId: household.members[0]!.id,
      identityDocument: "passport",
    });
    expect(anew).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/^この世帯は\d{1,2}月\d{1,2}日に窓口で申請済みです。/) });
    expect(await resubmit(household, filingId)).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/^この世帯は\d{1,2}月\d{1,2}日に窓口で申請済みです。/) });
    expect(await filingsOf(household.id)).toEqual(before);
    const prevented = await (await getDb())
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, household.id), eq(auditLog.action, "filing.duplicate_prevented")));
    expect(prevented).toHaveLength(2);
  });

  it("refuses a rejected filing, another household's filing and a malformed id", async () => {
    const household = await createHousehold({ programId: program.id });
    const filingId = await fileAtCounterFor(household);
    await decide(filingId, "reject");
    expect(await resubmit(household, filingId)).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("「却下」のため再提出できません") });

    const other = await createHousehold({ programId: program.id });
    const otherFiling = await fileAtCounterFor(other);
    await decide(otherFiling, "return");
    expect(await resubmit(household, otherFiling)).toMatchObject({ ok: false, status: 404 });
    expect((await filingsOf(other.id))[0]).toMatchObject({ status: "returned" });

    expect(await resubmit(household, "not-a-uuid")).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { resubmitFilingId: ["再提出する申請が正しく指定されていません。世帯を検索し直してください"] },
    });
  });

  it("two clerks resubmitting at once: one succeeds, the other is told the household is filed", async () => {
    const household = await createHousehold({ programId: program.id });
    const filingId = await fileAtCounterFor(household);
    await decide(filingId, "return");
    const outcomes = await Promise.all([resubmit(household, filingId), resubmit(household, filingId, otherClerk)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 409, error: expect.stringContaining("申請済みです") });
    const rows = await filingsOf(household.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("submitted");
  });
});
