import type { QueueCursor } from "./validations";
import "server-only";
import { and, asc, desc, eq, getTableColumns, gte, inArray, like, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { keysetPage, keysetQuery } from "@/lib/review/keyset";
import { ACTIVE_FILING_STATUSES, filingEvents, filings, type AddressMatch, type FilingChannel, type FilingStatus } from "@/db/schema/filings";
import { grantBatchItems } from "@/db/schema/grants";
import { jpkiVerifications } from "@/db/schema/jpki";
import { benefitPrograms, householdMembers, households } from "@/db/schema/programs";
import { staff } from "@/db/schema/staff";
import { addressKey, kanaKey, nameKey } from "@/lib/matching/normalize";
import { getTownProfile } from "@/lib/programs/town";
import { escapeLike } from "@/lib/validation/text";

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
  addressMatch: AddressMatch | null;
  submittedAt: Date;
  householdCode: string;
  address: string;
  representativeName: string;
  representativeKana: string;
};

const RECEIPT_NUMBER = /^[A-Z][A-Z0-9]{1,7}-\d{7}$/;
/** Text that reads as an address: digits or a block word (丁目, 番地, 条, 線, 号). */
const ADDRESS_LIKE = /\d|丁目|番地|番|条|線|号/u;

/**
 * A text search is a receipt number (exact); otherwise the household code (exact), the start of the
 * representative's name or kana, or — when it reads as an address — part of the household's normalised address
 * key (lib/matching, so 「三条東二丁目」 finds 3条東2-11-1). Receipt number, household code, name and kana use
 * indexes; the address part is a filter within the program.
 */
function searchCondition(q: string): SQL | undefined {
  const text = q.normalize("NFKC").trim();
  const trimmed = text.toUpperCase();
  if (!trimmed) return undefined;
  if (RECEIPT_NUMBER.test(trimmed)) return eq(filings.receiptNumber, trimmed);
  const conditions: SQL[] = [inArray(households.householdCode, [...new Set([text, trimmed])])];
  const byName = nameKey(q);
  if (byName) conditions.push(like(householdMembers.nameKey, `${escapeLike(byName)}%`));
  const byKana = kanaKey(q);
  if (byKana) conditions.push(like(householdMembers.kanaKey, `${escapeLike(byKana)}%`));
  const byAddress = ADDRESS_LIKE.test(text) ? addressKey(text, getTownProfile()) : "";
  if (byAddress) conditions.push(like(households.addressKey, `%${escapeLike(byAddress)}%`));
  return or(...conditions);
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
  const keyset = keysetQuery(filings, params.cursor, params.dir);
  conditions.push(keyset.condition);
  const order = keyset.order;
  const rows = await db
    .select({
      id: filings.id,
      receiptNumber: filings.receiptNumber,
      status: filings.status,
      channel: filings.channel,
      points: filings.points,
      duplicateSuspected: filings.duplicateSuspected,
      addressMatch: filings.addressMatch,
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
  return keysetPage(rows, params.limit, params.cursor);
}

export async function getFilingDetail(db: Executor, { filingId }: { filingId: string }) {
  const [filing] = await db.select().from(filings).where(eq(filings.id, filingId)).limit(1);
  if (!filing) return null;
  const [household] = await db.select().from(households).where(eq(households.id, filing.householdId));
  const members = await db.select().from(householdMembers).where(eq(householdMembers.householdId, filing.householdId)).orderBy(asc(householdMembers.position));
  // Who made each change: the history names the staff member; null staff = the resident or the system.
  const events = await db
    .select({ ...getTableColumns(filingEvents), staffName: staff.displayName })
    .from(filingEvents)
    .leftJoin(staff, eq(staff.id, filingEvents.staffId))
    .where(eq(filingEvents.filingId, filingId))
    .orderBy(asc(filingEvents.at));
  const batchItems = await db.select().from(grantBatchItems).where(eq(grantBatchItems.filingId, filingId));
  const [verification] = filing.jpkiVerificationId
    ? await db
        .select({ name: jpkiVerifications.name, address: jpkiVerifications.address, birthdate: jpkiVerifications.birthdate, gender: jpkiVerifications.gender, verifiedAt: jpkiVerifications.verifiedAt })
        .from(jpkiVerifications)
        .where(eq(jpkiVerifications.id, filing.jpkiVerificationId))
    : [];
  const [decider] = filing.decidedByStaffId ? await db.select({ name: staff.displayName }).from(staff).where(eq(staff.id, filing.decidedByStaffId)) : [];
  return { filing, household: household!, members, events, batchItems, verification: verification ?? null, decidedByName: decider?.name ?? null };
}

/** The filing after this one in the review queue under the same filters and order (「次の申請へ」), or null. */
export async function getNextQueuedFilingId(
  db: Executor,
  { queue, after }: { queue: Omit<QueueParams, "cursor" | "limit">; after: { submittedAt: Date; id: string } },
): Promise<string | null> {
  const page = await getFilingQueuePage(db, { ...queue, cursor: { ...after, direction: "after" }, limit: 1 });
  return page.rows[0]?.id ?? null;
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


/** The household's one active filing in the program, if any (what a second filer is told about). */
export async function getActiveFilingOfHousehold(db: Executor, { programId, householdId }: { programId: string; householdId: string }) {
  const [existing] = await db
    .select({ id: filings.id, submittedAt: filings.submittedAt, channel: filings.channel, residentId: filings.residentId })
    .from(filings)
    .where(and(eq(filings.programId, programId), eq(filings.householdId, householdId), inArray(filings.status, [...ACTIVE_FILING_STATUSES])))
    .limit(1);
  return existing ?? null;
}
