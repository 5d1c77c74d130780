import type { QueueCursor } from "./validations";
import "server-only";
import { and, asc, desc, eq, gte, inArray, like, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { filingEvents, filings, type FilingChannel, type FilingStatus } from "@/db/schema/filings";
import { grantBatchItems } from "@/db/schema/grants";
import { benefitPrograms, householdMembers, households } from "@/db/schema/programs";
import { kanaKey, nameKey } from "@/lib/matching/normalize";

export type QueueParams = {
  programId: string;
  status?: FilingStatus;
  channel?: FilingChannel;
  duplicate?: boolean;
  from?: Date;
  to?: Date;
  q?: string;
  dir: "asc" | "desc";
  cursor?: QueueCursor;
  limit: number;
};

export type QueueRow = {
  id: string;
  receiptNumber: string;
  status: FilingStatus;
  channel: FilingChannel;
  points: number;
  duplicateSuspected: boolean;
  submittedAt: Date;
  householdCode: string;
  address: string;
  representativeName: string;
  representativeKana: string;
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const RECEIPT_NUMBER = /^[A-Z][A-Z0-9]{1,7}-\d{7}$/;

/**
 * A text search is a receipt number (exact) or the start of the representative's name or kana, so that
 * both use an index (text_pattern_ops) on a million filings.
 */
function searchCondition(q: string): SQL | undefined {
  const trimmed = q.normalize("NFKC").trim().toUpperCase();
  if (!trimmed) return undefined;
  if (RECEIPT_NUMBER.test(trimmed)) return eq(filings.receiptNumber, trimmed);
  const conditions: SQL[] = [];
  const byName = nameKey(q);
  if (byName) conditions.push(like(householdMembers.nameKey, `${escapeLike(byName)}%`));
  const byKana = kanaKey(q);
  if (byKana) conditions.push(like(householdMembers.kanaKey, `${escapeLike(byKana)}%`));
  return conditions.length ? or(...conditions) : sql`false`;
}

/**
 * One page of the review queue, keyset-paginated on (submitted_at, id) so that page 1,000 costs what page 1
 * costs; fetches one extra row to know whether a next page exists.
 */
/**
 * One page of the review queue by keyset: after a row (次へ) or before one (前へ), in the chosen order.
 * Both cursors come back, so a page can be left in either direction; null where there is nothing more.
 */
export async function getFilingQueuePage(
  db: Executor,
  params: QueueParams,
): Promise<{ rows: QueueRow[]; nextCursor: QueueCursor | null; previousCursor: QueueCursor | null }> {
  const conditions: (SQL | undefined)[] = [eq(filings.programId, params.programId)];
  if (params.status) conditions.push(eq(filings.status, params.status));
  if (params.channel) conditions.push(eq(filings.channel, params.channel));
  if (params.duplicate !== undefined) conditions.push(eq(filings.duplicateSuspected, params.duplicate));
  if (params.from) conditions.push(gte(filings.submittedAt, params.from));
  if (params.to) conditions.push(lte(filings.submittedAt, params.to));
  if (params.q) conditions.push(searchCondition(params.q));
  const backwards = params.cursor?.direction === "before";
  // Going back reads the shown order in reverse from the cursor, then flips the page.
  const ascending = (params.dir === "asc") !== backwards;
  if (params.cursor) {
    // A row comparison, so PostgreSQL walks the (program, submitted_at, id) index from the cursor.
    const { submittedAt, id } = params.cursor;
    conditions.push(
      ascending
        ? sql`(${filings.submittedAt}, ${filings.id}) > (${submittedAt.toISOString()}::timestamptz, ${id}::uuid)`
        : sql`(${filings.submittedAt}, ${filings.id}) < (${submittedAt.toISOString()}::timestamptz, ${id}::uuid)`,
    );
  }
  const order = ascending ? [asc(filings.submittedAt), asc(filings.id)] : [desc(filings.submittedAt), desc(filings.id)];
  const rows = await db
    .select({
      id: filings.id,
      receiptNumber: filings.receiptNumber,
      status: filings.status,
      channel: filings.channel,
      points: filings.points,
      duplicateSuspected: filings.duplicateSuspected,
      submittedAt: filings.submittedAt,
      householdCode: households.householdCode,
      address: households.address,
      representativeName: householdMembers.name,
      representativeKana: householdMembers.nameKana,
    })
    .from(filings)
    .innerJoin(households, eq(households.id, filings.householdId))
    .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(params.limit + 1);
  const more = rows.length > params.limit;
  const page = rows.slice(0, params.limit);
  if (backwards) page.reverse();
  const first = page.at(0);
  const last = page.at(-1);
  const cursorAt = (row: QueueRow | undefined, direction: QueueCursor["direction"]) => (row ? { submittedAt: row.submittedAt, id: row.id, direction } : null);
  // Forwards, rows lie before the page whenever a cursor brought us here; backwards, rows lie after it.
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : params.cursor !== undefined;
  return {
    rows: page,
    nextCursor: hasNext ? cursorAt(last, "after") : null,
    previousCursor: hasPrevious ? cursorAt(first, "before") : null,
  };
}

export async function getFilingDetail(db: Executor, { filingId }: { filingId: string }) {
  const [filing] = await db.select().from(filings).where(eq(filings.id, filingId)).limit(1);
  if (!filing) return null;
  const [household] = await db.select().from(households).where(eq(households.id, filing.householdId));
  const members = await db.select().from(householdMembers).where(eq(householdMembers.householdId, filing.householdId)).orderBy(asc(householdMembers.position));
  const events = await db.select().from(filingEvents).where(eq(filingEvents.filingId, filingId)).orderBy(asc(filingEvents.at));
  const batchItems = await db.select().from(grantBatchItems).where(eq(grantBatchItems.filingId, filingId));
  return { filing, household: household!, members, events, batchItems };
}

/** A resident's own filings with their history, newest first; never anyone else's. */
export async function getFilingsByResident(db: Executor, { residentId }: { residentId: string }) {
  const rows = await db
    .select({ filing: filings, address: households.address, programName: benefitPrograms.name })
    .from(filings)
    .innerJoin(households, eq(households.id, filings.householdId))
    .innerJoin(benefitPrograms, eq(benefitPrograms.id, filings.programId))
    .where(eq(filings.residentId, residentId))
    .orderBy(desc(filings.submittedAt));
  const ids = rows.map((r) => r.filing.id);
  const events = ids.length
    ? await db.select().from(filingEvents).where(inArray(filingEvents.filingId, ids)).orderBy(asc(filingEvents.at))
    : [];
  return rows.map((row) => ({
    ...row.filing,
    address: row.address,
    programName: row.programName,
    events: events.filter((e) => e.filingId === row.filing.id),
  }));
}

