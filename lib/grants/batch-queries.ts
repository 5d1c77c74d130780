import "server-only";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { filings } from "@/db/schema/filings";
import { grantBatches, grantBatchItems } from "@/db/schema/grants";
import { householdMembers, households } from "@/db/schema/programs";
import type { GrantField, GrantRow } from "./export/format";
import { shiftJisRefusalPattern } from "@/lib/http/shift-jis";

export async function listBatches(db: Executor, { programId }: { programId: string }) {
  return db.select().from(grantBatches).where(eq(grantBatches.programId, programId)).orderBy(desc(grantBatches.createdAt));
}

export async function getBatchById(db: Executor, { batchId }: { batchId: string }) {
  const [row] = await db.select().from(grantBatches).where(eq(grantBatches.id, batchId)).limit(1);
  return row ?? null;
}

/** Approved filings of a program that no live batch claims yet: what a new batch would take. */
export async function countGrantable(db: Executor, { programId }: { programId: string }) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, points: sql`coalesce(sum(${filings.points}), 0)::bigint`.mapWith(Number) })
    .from(filings)
    .where(
      and(
        eq(filings.programId, programId),
        eq(filings.status, "approved"),
        sql`not exists (select 1 from ${grantBatchItems} where ${grantBatchItems.filingId} = ${filings.id} and ${grantBatchItems.claimsFiling})`,
      ),
    );
  return row!;
}

/** Points per filing of a batch, for checking a vendor result file row by row. */
export async function batchItemPoints(db: Executor, { batchId }: { batchId: string }): Promise<Map<string, number>> {
  const rows = await db.select({ filingId: grantBatchItems.filingId, points: grantBatchItems.points }).from(grantBatchItems).where(eq(grantBatchItems.batchId, batchId));
  return new Map(rows.map((r) => [r.filingId, r.points]));
}

/** Failed rows of a completed batch, with the vendor's reason and where each filing is now, for staff follow-up. */
export async function listFailedItems(db: Executor, { batchId }: { batchId: string }) {
  return db
    .select({
      filingId: grantBatchItems.filingId,
      points: grantBatchItems.points,
      failureReason: grantBatchItems.failureReason,
      receiptNumber: filings.receiptNumber,
      status: filings.status,
      representativeName: householdMembers.name,
    })
    .from(grantBatchItems)
    .innerJoin(filings, eq(filings.id, grantBatchItems.filingId))
    .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
    .where(and(eq(grantBatchItems.batchId, batchId), eq(grantBatchItems.result, "failed")))
    .orderBy(asc(filings.receiptNumber));
}

/** The free-text fields of a batch row: the only ones that can hold a character Shift_JIS lacks. */
export const TEXT_EXPORT_FIELDS = ["receiptNumber", "householdCode", "representativeName", "representativeKana"] as const satisfies readonly GrantField[];
export type TextExportField = (typeof TEXT_EXPORT_FIELDS)[number];

const TEXT_FIELD_COLUMNS = {
  receiptNumber: filings.receiptNumber,
  householdCode: households.householdCode,
  representativeName: householdMembers.name,
  representativeKana: householdMembers.nameKana,
} as const;

/**
 * Rows of a batch whose `fields` hold a character the Shift_JIS file cannot, first `limit` by receipt number,
 * with how many there are in all. One pass in PostgreSQL (a regex per row), so nothing is streamed to check.
 * No ORDER BY/LIMIT in SQL: with one, the planner walks receipt numbers row by row hoping to stop early, and a
 * batch without a bad row (the usual case) costs a full index walk instead of one hash join.
 */
export async function findShiftJisUnencodableRows(
  db: Executor,
  { batchId, fields, limit = 5 }: { batchId: string; fields: readonly TextExportField[]; limit?: number },
) {
  if (fields.length === 0) return { total: 0, rows: [] };
  const columns = fields.map((field) => TEXT_FIELD_COLUMNS[field]);
  const rows = await db
    .select(TEXT_FIELD_COLUMNS)
    .from(grantBatchItems)
    .innerJoin(filings, eq(filings.id, grantBatchItems.filingId))
    .innerJoin(households, eq(households.id, filings.householdId))
    .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
    .where(and(eq(grantBatchItems.batchId, batchId), sql`concat_ws(' ', ${sql.join(columns, sql`, `)}) ~ ${shiftJisRefusalPattern()}`));
  rows.sort((a, b) => (a.receiptNumber < b.receiptNumber ? -1 : a.receiptNumber > b.receiptNumber ? 1 : 0));
  return { total: rows.length, rows: rows.slice(0, limit) };
}

/** postgres.js (the production driver) can stream one query through a portal; PGlite has no such API. */
type StreamingClient = { unsafe: (query: string, params: unknown[]) => { cursor: (rows: number) => AsyncIterable<GrantRow[]> } };

export function streamingClientOf(db: Executor): StreamingClient | null {
  const client = (db as { $client?: Partial<StreamingClient> }).$client;
  return typeof client?.unsafe === "function" ? (client as StreamingClient) : null;
}

// Aliased, so a raw cursor over the same statement yields rows already shaped as GrantRow.
const EXPORT_FIELDS = {
  applicationId: sql<string>`${grantBatchItems.filingId}`.as("applicationId"),
  receiptNumber: sql<string>`${filings.receiptNumber}`.as("receiptNumber"),
  householdCode: sql<string>`${households.householdCode}`.as("householdCode"),
  representativeName: sql<string>`${householdMembers.name}`.as("representativeName"),
  representativeKana: sql<string>`${householdMembers.nameKana}`.as("representativeKana"),
  birthDate: sql<string>`${householdMembers.birthDate}::text`.as("birthDate"),
  points: sql<number>`${grantBatchItems.points}`.as("points"),
};

/** A batch's export rows from `after` on (all of them when null), in filing-id order. */
function exportRowsQuery(db: Executor, batchId: string, after: string | null) {
  return (
    db
      .select(EXPORT_FIELDS)
      .from(grantBatchItems)
      .innerJoin(filings, eq(filings.id, grantBatchItems.filingId))
      .innerJoin(households, eq(households.id, filings.householdId))
      .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
      // The same bound on filings.id lets a merge join start at the cursor instead of the first filing.
      .where(and(eq(grantBatchItems.batchId, batchId), after ? gt(grantBatchItems.filingId, after) : undefined, after ? gt(filings.id, after) : undefined))
      .orderBy(asc(grantBatchItems.filingId))
  );
}

/**
 * The rows of a batch file in filing-id order, never all in memory: on PostgreSQL one query read through a
 * cursor `chunkSize` rows at a time, elsewhere keyset chunks. The writer pulls the next chunk only when the
 * response has taken the previous one.
 */
export async function* batchExportRows(db: Executor, { batchId, chunkSize = 2000 }: { batchId: string; chunkSize?: number }): AsyncGenerator<GrantRow> {
  const streaming = streamingClientOf(db);
  if (streaming) {
    // One statement for the whole batch: PostgreSQL joins once (hash joins) instead of probing indexes per chunk.
    const { sql: text, params } = exportRowsQuery(db, batchId, null).toSQL();
    for await (const rows of streaming.unsafe(text, params).cursor(chunkSize)) yield* rows;
    return;
  }
  let after: string | null = null;
  for (;;) {
    const rows: GrantRow[] = await exportRowsQuery(db, batchId, after).limit(chunkSize);
    yield* rows;
    if (rows.length < chunkSize) return;
    after = rows.at(-1)!.applicationId;
  }
}

export const BATCH_ITEMS_PAGE_SIZE = 50;

/**
 * One page of a batch's filings in receipt-number order, without names or addresses (those stay in the audited
 * file and the audited filing page): receipt number, household code, points, the vendor's result, where it is now.
 */
export async function listBatchItemsPage(db: Executor, { batchId, page, pageSize = BATCH_ITEMS_PAGE_SIZE }: { batchId: string; page: number; pageSize?: number }) {
  const rows = await db
    .select({
      filingId: grantBatchItems.filingId,
      receiptNumber: filings.receiptNumber,
      householdCode: households.householdCode,
      points: grantBatchItems.points,
      result: grantBatchItems.result,
      failureReason: grantBatchItems.failureReason,
      status: filings.status,
    })
    .from(grantBatchItems)
    .innerJoin(filings, eq(filings.id, grantBatchItems.filingId))
    .innerJoin(households, eq(households.id, filings.householdId))
    .where(eq(grantBatchItems.batchId, batchId))
    .orderBy(asc(filings.receiptNumber))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return rows;
}
