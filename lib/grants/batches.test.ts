import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { filings } from "@/db/schema/filings";
import { grantBatchItems } from "@/db/schema/grants";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { submitFiling } from "@/lib/filings/core";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram } from "@/lib/testing/program-factories";
import { batchExportRows, streamingClientOf } from "./batch-queries";
import { applyBatchResult, createGrantBatch, markBatchExported } from "./operations";

let admin: StaffActor;
let reviewer: StaffActor;
let department: { id: string };

beforeAll(async () => {
  department = await createDepartment();
  admin = await createActor([{ departmentId: department.id, role: "dept_admin" }]);
  reviewer = await createActor([{ departmentId: department.id, role: "reviewer" }]);
});

const as = (actor: StaffActor) => ({ actor, requestId: null });

/** A fresh program with `count` approved filings of `members` members each. */
async function programWithApprovedFilings(count: number, members = 2) {
  const program = await createProgram({ departmentId: department.id });
  const db = await getDb();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const household = await createHousehold({ programId: program.id, members });
    const filing = await db.transaction((tx) =>
      submitFiling(tx, { program, household, representativeMemberId: household.members[0]!.id, channel: "counter" }),
    );
    ids.push(filing.id);
  }
  await db.update(filings).set({ status: "approved", decidedAt: sql`now()` }).where(inArray(filings.id, ids));
  return { program, filingIds: ids };
}

describe("grant batches", () => {
  it("the export reads every row once, in filing-id order, across many small chunks (cursor on PostgreSQL, keyset on PGlite)", async () => {
    const { program, filingIds } = await programWithApprovedFilings(7, 2);
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    // The PostgreSQL run of this suite exercises the cursor, the PGlite run the keyset chunks.
    expect(streamingClientOf(await getDb()) !== null).toBe(Boolean(process.env.TEST_DATABASE_URL));
    const rows = [];
    for await (const row of batchExportRows(await getDb(), { batchId: created.data.id, chunkSize: 2 })) rows.push(row);
    expect(rows.map((row) => row.applicationId)).toEqual([...filingIds].sort());
    expect(rows[0]).toEqual({
      applicationId: expect.any(String),
      receiptNumber: expect.stringMatching(/-\d{7}$/),
      householdCode: expect.any(String),
      representativeName: expect.any(String),
      representativeKana: expect.any(String),
      birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      points: 20_000,
    });
  });

  it("a batch's control totals equal its rows; a reviewer may not create batches", async () => {
    const { program } = await programWithApprovedFilings(5, 3);
    expect(await runGuarded(as(reviewer), createGrantBatch, { programId: program.id })).toMatchObject({ ok: false, status: 403 });
    const result = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    expect(result).toMatchObject({ ok: true, data: { itemCount: 5, totalPoints: 150_000, status: "open" } });
    expect(await runGuarded(as(admin), createGrantBatch, { programId: program.id })).toMatchObject({
      ok: false,
      status: 409,
      error: "給付を待っている承認済みの申請はありません。",
    });
  });

  it("two simultaneous batch creations never put one filing in both", async () => {
    const { program, filingIds } = await programWithApprovedFilings(40);
    const results = await Promise.all([
      runGuarded(as(admin), createGrantBatch, { programId: program.id }),
      runGuarded(as(admin), createGrantBatch, { programId: program.id }),
    ]);
    const db = await getDb();
    const items = await db.select().from(grantBatchItems).where(inArray(grantBatchItems.filingId, filingIds));
    expect(new Set(items.map((i) => i.filingId)).size).toBe(items.length);
    expect(items.length).toBe(40);
    const created = results.filter((r) => r.ok);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (!r.ok) expect(r.status).toBe(409);
  });

  it("result import: totals must match, granted filings become 給付済み once, failed ones return to the queue", async () => {
    const { program, filingIds } = await programWithApprovedFilings(3);
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    const batchId = created.data.id;
    const rows = [
      { filingId: filingIds[0]!, outcome: "granted" as const, reason: null },
      { filingId: filingIds[1]!, outcome: "granted" as const, reason: null },
      { filingId: filingIds[2]!, outcome: "failed" as const, reason: "E102 口座なし" },
    ];
    expect(await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 60_000 }, rows })).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining("まだ出力されていません"),
    });
    expect((await runGuarded(as(admin), markBatchExported, { batchId })).ok).toBe(true);
    const mismatch = await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 50_000 }, rows });
    expect(mismatch).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("一致しません") });
    const db = await getDb();
    expect((await db.select().from(filings).where(inArray(filings.id, filingIds))).every((f) => f.status === "approved")).toBe(true);

    const applied = await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 60_000 }, rows });
    expect(applied).toMatchObject({ ok: true, data: { status: "completed", grantedCount: 2, failedCount: 1 } });
    const after = Object.fromEntries((await db.select().from(filings).where(inArray(filings.id, filingIds))).map((f) => [f.id, f.status]));
    expect(after).toEqual({ [filingIds[0]!]: "granted", [filingIds[1]!]: "granted", [filingIds[2]!]: "approved" });
    expect(await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 60_000 }, rows })).toMatchObject({
      ok: false,
      status: 409,
    });

    const retry = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    expect(retry).toMatchObject({ ok: true, data: { itemCount: 1, totalPoints: 20_000 } });
  });

  it("the database refuses a second grant of one filing even if code tried", async () => {
    const { program, filingIds } = await programWithApprovedFilings(1);
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    const db = await getDb();
    await db.update(grantBatchItems).set({ result: "granted" }).where(eq(grantBatchItems.filingId, filingIds[0]!));
    await expect(
      db.insert(grantBatchItems).values({ batchId: created.data.id, filingId: filingIds[0]!, points: 1, result: "granted", claimsFiling: false }),
    ).rejects.toThrow();
  });
});
