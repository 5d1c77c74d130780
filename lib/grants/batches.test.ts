import { randomUUID } from "node:crypto";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { filingEvents, filings } from "@/db/schema/filings";
import { grantBatches, grantBatchItems } from "@/db/schema/grants";
import { lineOutbox } from "@/db/schema/line";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { submitFiling } from "@/lib/filings/core";
import { decideFiling } from "@/lib/filings/operations";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram, createResident } from "@/lib/testing/program-factories";
import { batchExportRows, listBatchItemsPage, streamingClientOf } from "./batch-queries";
import { writeAudit } from "@/lib/audit/log";
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

  it("a batch page lists its filings in receipt-number order, page by page, without names", async () => {
    const { program } = await programWithApprovedFilings(5, 3);
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    const db = await getDb();
    const first = await listBatchItemsPage(db, { batchId: created.data.id, page: 1, pageSize: 2 });
    const second = await listBatchItemsPage(db, { batchId: created.data.id, page: 2, pageSize: 2 });
    const third = await listBatchItemsPage(db, { batchId: created.data.id, page: 3, pageSize: 2 });
    expect([first.length, second.length, third.length]).toEqual([2, 2, 1]);
    const numbers = [...first, ...second, ...third].map((row) => row.receiptNumber);
    expect(numbers).toEqual([...numbers].sort());
    expect(new Set(numbers).size).toBe(5);
    expect(first[0]).toEqual({ filingId: expect.any(String), receiptNumber: expect.any(String), householdCode: expect.any(String), points: 30_000, result: "pending", failureReason: null, status: "approved" });
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

  it("result import: totals must match, granted filings become 給付済み once, failed ones return to review with the reason", async () => {
    const { program, filingIds } = await programWithApprovedFilings(3);
    const db = await getDb();
    // LINE filers: the granted one must get its message, the failed one no second "received" message.
    for (const id of [filingIds[0]!, filingIds[2]!]) await db.update(filings).set({ residentId: (await createResident()).id }).where(eq(filings.id, id));
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    const batchId = created.data.id;
    const rows = [
      { filingId: filingIds[0]!, outcome: "granted" as const, reason: null },
      { filingId: filingIds[1]!, outcome: "granted" as const, reason: null },
      { filingId: filingIds[2]!, outcome: "failed" as const, reason: "E01 口座が見つかりません" },
    ];
    expect(await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 60_000 }, rows })).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining("まだ出力されていません"),
    });
    expect((await runGuarded(as(admin), markBatchExported, { batchId })).ok).toBe(true);
    const mismatch = await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 50_000 }, rows });
    expect(mismatch).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("一致しません") });
    expect((await db.select().from(filings).where(inArray(filings.id, filingIds))).every((f) => f.status === "approved")).toBe(true);

    const applied = await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 60_000 }, rows });
    expect(applied).toMatchObject({ ok: true, data: { batch: { status: "completed", grantedCount: 2, failedCount: 1 }, granted: 2, returnedToQueue: 1 } });
    const after = Object.fromEntries((await db.select().from(filings).where(inArray(filings.id, filingIds))).map((f) => [f.id, f]));
    expect(Object.fromEntries(Object.entries(after).map(([id, f]) => [id, f.status]))).toEqual({
      [filingIds[0]!]: "granted",
      [filingIds[1]!]: "granted",
      [filingIds[2]!]: "submitted",
    });
    const reason = "電子マネーの付与ができませんでした（E01 口座が見つかりません）";
    expect(after[filingIds[2]!]).toMatchObject({ decisionReason: reason, decidedAt: null });
    const events = await db.select().from(filingEvents).where(eq(filingEvents.filingId, filingIds[2]!));
    expect(events.at(-1)).toMatchObject({ fromStatus: "approved", toStatus: "submitted", reason, staffId: admin.id });
    const messages = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `filing:${filingIds[0]}:%`));
    expect(messages.map((m) => m.cause)).toEqual([`filing:${filingIds[0]}:granted`]);
    // The failed one: not the "received" message again, but what went wrong in plain words and what to do.
    const failed = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `filing:${filingIds[2]}:%`));
    expect(failed.map((m) => m.cause)).toEqual([`filing:${filingIds[2]}:grant_failed`]);
    expect(JSON.stringify(failed[0]!.messages)).toContain("アカウントが見つかりませんでした。アカウントを作ってから、役場の担当課にご連絡ください。");
    expect(await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 60_000 }, rows })).toMatchObject({
      ok: false,
      status: 409,
    });

    // Back in review, the failed filing stays out of new batches until a reviewer approves it again.
    expect(await runGuarded(as(admin), createGrantBatch, { programId: program.id })).toMatchObject({
      ok: false,
      status: 409,
      error: "給付を待っている承認済みの申請はありません。",
    });
    expect(await runGuarded(as(reviewer), decideFiling, { filingId: filingIds[2]!, decision: "approve" })).toMatchObject({ ok: true });
    const retry = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    expect(retry).toMatchObject({ ok: true, data: { itemCount: 1, totalPoints: 20_000 } });
    if (!retry.ok) return;
    const retried = await db.select().from(grantBatchItems).where(eq(grantBatchItems.batchId, retry.data.id));
    expect(retried.map((item) => item.filingId)).toEqual([filingIds[2]]);
  });

  it("result import writes one audit entry per filing, and every batch entry names the department", async () => {
    const { program, filingIds } = await programWithApprovedFilings(3);
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    if (!created.ok) throw new Error(created.error);
    const batchId = created.data.id;
    expect((await runGuarded(as(admin), markBatchExported, { batchId })).ok).toBe(true);
    const rows = [
      { filingId: filingIds[0]!, outcome: "granted" as const, reason: null },
      { filingId: filingIds[1]!, outcome: "failed" as const, reason: "E04 氏名または生年月日がアカウントの登録内容と一致しません" },
      { filingId: filingIds[2]!, outcome: "granted" as const, reason: null },
    ];
    expect((await runGuarded(as(admin), applyBatchResult, { batchId, totals: { count: 3, points: 60_000 }, rows })).ok).toBe(true);
    const db = await getDb();
    const filingAudits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "filing"), inArray(auditLog.entityId, filingIds)));
    expect(filingAudits).toHaveLength(3);
    const byFiling = Object.fromEntries(filingAudits.map((entry) => [entry.entityId, entry]));
    for (const id of [filingIds[0]!, filingIds[2]!]) {
      expect(byFiling[id]).toMatchObject({
        action: "filing.granted",
        actorId: admin.id,
        departmentId: department.id,
        before: { status: "approved" },
        after: { status: "granted", batchId, points: 20_000 },
      });
    }
    expect(byFiling[filingIds[1]!]).toMatchObject({
      action: "filing.grant_failed",
      departmentId: department.id,
      before: { status: "approved" },
      after: {
        status: "submitted",
        batchId,
        vendorReason: "E04 氏名または生年月日がアカウントの登録内容と一致しません",
        reason: "電子マネーの付与ができませんでした（E04 氏名または生年月日がアカウントの登録内容と一致しません）",
      },
    });
    const batchAudits = await db.select().from(auditLog).where(and(eq(auditLog.entity, "grant_batch"), eq(auditLog.entityId, batchId)));
    expect(batchAudits.map((entry) => entry.action).sort()).toEqual(["grant.batch", "grant.batch_exported", "grant.result_imported"]);
    for (const entry of batchAudits) expect(entry.departmentId).toBe(department.id);
  });

  it("a batch takes approved filings only, and a result for a filing no longer approved is refused by receipt number", async () => {
    const { program, filingIds } = await programWithApprovedFilings(4);
    const db = await getDb();
    await db.update(filings).set({ status: "submitted" }).where(eq(filings.id, filingIds[0]!));
    await db.update(filings).set({ status: "rejected" }).where(eq(filings.id, filingIds[1]!));
    const created = await runGuarded(as(admin), createGrantBatch, { programId: program.id });
    expect(created).toMatchObject({ ok: true, data: { itemCount: 2, totalPoints: 40_000 } });
    if (!created.ok) return;
    const batchId = created.data.id;
    const items = await db.select().from(grantBatchItems).where(eq(grantBatchItems.batchId, batchId));
    expect(items.map((item) => item.filingId).sort()).toEqual([filingIds[2]!, filingIds[3]!].sort());
    expect((await runGuarded(as(admin), markBatchExported, { batchId })).ok).toBe(true);

    // Closed as a duplicate while the batch was out (another change makes this impossible; the message must still be clear).
    await db.update(filings).set({ status: "closed_duplicate" }).where(eq(filings.id, filingIds[3]!));
    const [closed] = await db.select().from(filings).where(eq(filings.id, filingIds[3]!));
    const outcome = await runGuarded(as(admin), applyBatchResult, {
      batchId,
      totals: { count: 2, points: 40_000 },
      rows: [
        { filingId: filingIds[2]!, outcome: "granted", reason: null, line: 2 },
        { filingId: filingIds[3]!, outcome: "failed", reason: "E01 口座が見つかりません", line: 3 },
      ],
    });
    expect(outcome).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("1件は、申請が承認済みではなくなっているため") });
    if (outcome.ok) return;
    expect(outcome.fieldErrors?.file).toEqual([`3行目: 受付番号 ${closed!.receiptNumber} は「失敗」と返ってきましたが、申請は現在「重複のため取りまとめ」です。`]);
    const statuses = Object.fromEntries((await db.select().from(filings).where(inArray(filings.id, filingIds))).map((f) => [f.id, f.status]));
    expect(statuses[filingIds[2]!]).toBe("approved");
    const [batch] = await db.select().from(grantBatches).where(eq(grantBatches.id, batchId));
    expect(batch!.status).toBe("exported");
  });

  it("per-filing audit entries of a batch larger than one INSERT can carry (65,535 parameters) are all written", async () => {
    const db = await getDb();
    // A department of its own, so the count below sees this test's entries only.
    const own = await createDepartment();
    const drafts = Array.from({ length: 7_000 }, () => ({
      action: "filing.granted",
      entity: "filing",
      entityId: randomUUID(),
      departmentId: own.id,
      after: { status: "granted" },
    }));
    const actor = { type: "staff" as const, id: admin.id, label: admin.displayName };
    await db.transaction((tx) => writeAudit(tx, drafts.map((draft) => ({ ...draft, actor, requestId: null }))));
    const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.departmentId, own.id));
    expect(row!.count).toBe(7_000);
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
