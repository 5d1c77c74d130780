import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { filingEvents, filings, type FilingStatus } from "@/db/schema/filings";
import { grantBatches, grantBatchItems } from "@/db/schema/grants";
import type { AuditDraft } from "@/lib/audit/log";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { isUniqueViolation } from "@/lib/db-errors";
import { notifyGrantFailed } from "@/lib/filings/notify";
import { changeFilingStatus } from "@/lib/filings/operations";
import { canTransition, FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { getProgramById } from "@/lib/programs/queries";
import { applyBatchResultSchema, batchIdSchema, createBatchSchema } from "./validations";
import { formatJstDateTime } from "@/lib/dates/jst";

async function departmentOfProgram(tx: Transaction, programId: string): Promise<string[]> {
  const program = await getProgramById(tx, { programId });
  if (!program) throw new GuardError(404, MESSAGES.notFound);
  return [program.departmentId];
}

async function lockBatch(tx: Transaction, batchId: string) {
  const [batch] = await tx.select().from(grantBatches).where(eq(grantBatches.id, batchId)).for("update");
  if (!batch) throw new GuardError(404, MESSAGES.notFound);
  return batch;
}

async function departmentOfBatch(tx: Transaction, batchId: string): Promise<string[]> {
  const [batch] = await tx.select({ programId: grantBatches.programId }).from(grantBatches).where(eq(grantBatches.id, batchId));
  if (!batch) throw new GuardError(404, MESSAGES.notFound);
  return departmentOfProgram(tx, batch.programId);
}

/** BK25-20261201093000-3F2A: the program code, the creation time in Japan time (like the rest of the screen), a random tail. */
export function batchNumber(programCode: string, now: Date): string {
  const stamp = formatJstDateTime(now).replace(/[^0-9]/g, "");
  return `${programCode}-${stamp}-${randomBytes(2).toString("hex").toUpperCase()}`;
}

/** Count and points of a batch's rows, read back from the rows themselves. */
export async function batchRowTotals(tx: Transaction, batchId: string) {
  const [totals] = await tx
    .select({ count: sql<number>`count(*)::int`, points: sql`coalesce(sum(${grantBatchItems.points}), 0)::bigint`.mapWith(Number) })
    .from(grantBatchItems)
    .where(eq(grantBatchItems.batchId, batchId));
  return totals!;
}

/**
 * Approved filings not yet claimed by a batch → a new batch with control totals. Rows are taken with
 * FOR UPDATE SKIP LOCKED, so two clerks creating batches at once get disjoint sets; the partial unique index
 * grant_batch_items_one_claim_per_filing is the backstop.
 */
export const createGrantBatch = defineOperation({
  action: "grant.batch",
  schema: createBatchSchema,
  departments: (data, tx) => departmentOfProgram(tx, data.programId),
  async run({ data, tx, actor }) {
    const program = (await getProgramById(tx, { programId: data.programId }))!;
    const claimable = await tx
      .select({ id: filings.id, points: filings.points })
      .from(filings)
      .where(
        and(
          eq(filings.programId, program.id),
          eq(filings.status, "approved"),
          sql`not exists (select 1 from ${grantBatchItems} where ${grantBatchItems.filingId} = ${filings.id} and ${grantBatchItems.claimsFiling})`,
        ),
      )
      .orderBy(filings.decidedAt, filings.id)
      .limit(data.maxItems)
      .for("update", { skipLocked: true });
    if (claimable.length === 0) throw new GuardError(409, "給付を待っている承認済みの申請はありません。");
    const totalPoints = claimable.reduce((sum, row) => sum + row.points, 0);
    const [batch] = await tx
      .insert(grantBatches)
      .values({
        programId: program.id,
        batchNumber: batchNumber(program.code, new Date()),
        itemCount: claimable.length,
        totalPoints,
        createdByStaffId: actor.id,
      })
      .returning();
    try {
      for (let i = 0; i < claimable.length; i += 5000) {
        await tx
          .insert(grantBatchItems)
          .values(claimable.slice(i, i + 5000).map((row) => ({ batchId: batch!.id, filingId: row.id, points: row.points })));
      }
    } catch (error) {
      if (isUniqueViolation(error, "grant_batch_items_one_claim_per_filing")) {
        throw new GuardError(409, "別の職員が同時にバッチを作成しました。もう一度お試しください。");
      }
      throw error;
    }
    const totals = await batchRowTotals(tx, batch!.id);
    if (totals.count !== batch!.itemCount || totals.points !== batch!.totalPoints) {
      throw new Error(`batch ${batch!.id} control totals do not match its rows`);
    }
    return {
      result: batch!,
      audit: { entity: "grant_batch", entityId: batch!.id, departmentId: program.departmentId, after: batch },
    };
  },
});

/** Records that the vendor file was handed over; the export itself is audited by the route that streams it. */
export const markBatchExported = defineOperation({
  action: "grant.batch",
  schema: batchIdSchema,
  departments: (data, tx) => departmentOfBatch(tx, data.batchId),
  async run({ data, tx }) {
    const before = await lockBatch(tx, data.batchId);
    if (before.status === "completed") throw new GuardError(409, "このバッチは結果の取込が済んでいます。");
    const { departmentId } = (await getProgramById(tx, { programId: before.programId }))!;
    const [after] = await tx
      .update(grantBatches)
      .set({ status: "exported", exportedAt: sql`coalesce(${grantBatches.exportedAt}, now())` })
      .where(eq(grantBatches.id, data.batchId))
      .returning();
    return { result: after!, audit: { action: "grant.batch_exported", entity: "grant_batch", entityId: data.batchId, departmentId, before, after } };
  },
});

const OUTCOME_LABELS = { granted: "付与", failed: "失敗" } as const;
const OUTCOME_STATUS = { granted: "granted", failed: "submitted" } as const satisfies Record<string, FilingStatus>;

/** What staff and the filing's history read when the vendor could not grant: the vendor's code and text. */
export function grantFailureReason(vendorReason: string | null): string {
  return `電子マネーの付与ができませんでした（${vendorReason ?? "理由不明"}）`;
}

/**
 * Applies the vendor's result file: totals must match the batch, every row must belong to it and every filing
 * must still be approved, or nothing is applied. Granted filings become 給付済み (with a LINE message); failed
 * ones go back to 審査待ち with the vendor's reason, so they stay out of new batches until approved again.
 */
export const applyBatchResult = defineOperation({
  action: "grant.batch",
  schema: applyBatchResultSchema,
  departments: (data, tx) => departmentOfBatch(tx, data.batchId),
  async run({ data, tx, actor }) {
    const batch = await lockBatch(tx, data.batchId);
    if (batch.status === "open") throw new GuardError(409, "このバッチはまだ出力されていません。先にファイルを出力してください。");
    if (batch.status === "completed") throw new GuardError(409, "このバッチの結果はすでに取り込まれています。");
    if (data.totals.count !== batch.itemCount || data.totals.points !== batch.totalPoints) {
      throw new GuardError(
        409,
        `結果ファイルの合計（${data.totals.count}件・${data.totals.points.toLocaleString("ja-JP")}ポイント）がバッチ（${batch.itemCount}件・${batch.totalPoints.toLocaleString("ja-JP")}ポイント）と一致しません。何も取り込んでいません。`,
      );
    }
    const items = await tx.select().from(grantBatchItems).where(eq(grantBatchItems.batchId, batch.id));
    const itemByFiling = new Map(items.map((item) => [item.filingId, item]));
    const seen = new Set<string>();
    for (const row of data.rows) {
      if (!itemByFiling.has(row.filingId) || seen.has(row.filingId)) {
        throw new GuardError(409, "結果ファイルに、このバッチにない申請か重複した行があります。何も取り込んでいません。");
      }
      seen.add(row.filingId);
    }
    if (seen.size !== items.length) throw new GuardError(409, "結果ファイルの行数がバッチと一致しません。何も取り込んでいません。");

    const { departmentId } = (await getProgramById(tx, { programId: batch.programId }))!;
    const filingRows = await tx.select().from(filings).where(inArray(filings.id, [...seen])).for("update");
    const filingById = new Map(filingRows.map((f) => [f.id, f]));
    // A filing changed since the batch was made (e.g. closed as a duplicate) is named row by row; nothing is applied.
    const stale = data.rows.filter((row) => {
      const { status } = filingById.get(row.filingId)!;
      return status !== "approved" || !canTransition(status, OUTCOME_STATUS[row.outcome]);
    });
    if (stale.length > 0) {
      throw new GuardError(409, `結果ファイルの${stale.length}件は、申請が承認済みではなくなっているため反映できません。何も取り込んでいません。`, {
        file: stale.map((row) => {
          const filing = filingById.get(row.filingId)!;
          const at = row.line ? `${row.line}行目: ` : "";
          return `${at}受付番号 ${filing.receiptNumber} は「${OUTCOME_LABELS[row.outcome]}」と返ってきましたが、申請は現在「${FILING_STATUS_LABELS[filing.status]}」です。`;
        }),
      });
    }

    const batchRef = { batchId: batch.id, batchNumber: batch.batchNumber };
    const filingAudits: (AuditDraft & { action: string })[] = [];
    let granted = 0;
    for (const row of data.rows) {
      const item = itemByFiling.get(row.filingId)!;
      const filing = filingById.get(row.filingId)!;
      const before = { status: filing.status, receiptNumber: filing.receiptNumber };
      if (row.outcome === "granted") {
        granted++;
        await tx.update(grantBatchItems).set({ result: "granted" }).where(eq(grantBatchItems.id, item.id));
        const after = await changeFilingStatus(tx, { filing, to: "granted", reason: null, staffId: actor.id });
        filingAudits.push({
          action: "filing.granted",
          entity: "filing",
          entityId: filing.id,
          departmentId,
          before,
          after: { status: after.status, receiptNumber: filing.receiptNumber, points: item.points, ...batchRef },
        });
        continue;
      }
      const reason = grantFailureReason(row.reason);
      await tx
        .update(grantBatchItems)
        .set({ result: "failed", claimsFiling: false, failureReason: row.reason })
        .where(eq(grantBatchItems.id, item.id));
      // Written here, not via changeFilingStatus: that would send the resident the "received" message again.
      await tx
        .update(filings)
        .set({ status: "submitted", decisionReason: reason, decidedByStaffId: null, decidedAt: null, updatedAt: sql`now()` })
        .where(eq(filings.id, filing.id));
      await tx.insert(filingEvents).values({ filingId: filing.id, fromStatus: filing.status, toStatus: "submitted", reason, staffId: actor.id });
      await notifyGrantFailed(tx, { filing, vendorReason: row.reason, batchId: batch.id });
      filingAudits.push({
        action: "filing.grant_failed",
        entity: "filing",
        entityId: filing.id,
        departmentId,
        before,
        after: { status: "submitted", receiptNumber: filing.receiptNumber, reason, vendorReason: row.reason, ...batchRef },
      });
    }
    const returnedToQueue = data.rows.length - granted;
    const [after] = await tx
      .update(grantBatches)
      .set({ status: "completed", completedAt: sql`now()`, grantedCount: granted, failedCount: returnedToQueue })
      .where(eq(grantBatches.id, batch.id))
      .returning();
    return {
      result: { batch: after!, granted, returnedToQueue },
      audit: [
        { action: "grant.result_imported", entity: "grant_batch", entityId: batch.id, departmentId, before: batch, after: { ...after, returnedToQueue } },
        ...filingAudits,
      ],
    };
  },
});
