import { type AnyColumn, asc, desc, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { searchText } from "@/lib/validation/text";

/**
 * Keyset paging shared by the review queues (benefit filings, form submissions): pages after a row (次へ) or
 * before one (前へ) on (submitted_at, id), both cursors from the server, one extra row to know if there is more.
 */
export type KeysetCursor = { submittedAt: Date; id: string; direction: "after" | "before" };

export function encodeCursor(cursor: KeysetCursor): string {
  return `${cursor.direction === "before" ? "b" : "a"}${String(cursor.submittedAt.getTime()).padStart(13, "0")}_${cursor.id}`;
}

/**
 * The cursor from the URL: one of another shape is no cursor (the first page); one of the right shape that names
 * no possible row (an id that is not a UUID) is refused, so the query never sees it.
 */
export const cursorParam = z
  .string()
  .regex(/^[ab]\d{13}_[0-9a-f-]{36}$/)
  .optional()
  .catch(undefined)
  .transform((value, context): KeysetCursor | undefined => {
    if (value === undefined) return undefined;
    const [ms, id] = value.slice(1).split("_");
    if (!z.uuid().safeParse(id).success) {
      context.addIssue({ code: "custom", message: "ページの位置（cursor）が正しくありません。一覧を最初のページから開き直してください" });
      return z.NEVER;
    }
    return { submittedAt: new Date(Number(ms)), id: id!, direction: value[0] === "b" ? "before" : "after" };
  });

/** The WHERE and ORDER BY of one page: a row comparison, so PostgreSQL walks the (…, submitted_at, id) index. */
export function keysetQuery(columns: { submittedAt: AnyColumn; id: AnyColumn }, cursor: KeysetCursor | undefined, dir: "asc" | "desc"): { condition: SQL | undefined; order: SQL[] } {
  const backwards = cursor?.direction === "before";
  // Going back reads the shown order in reverse from the cursor, then flips the page.
  const ascending = (dir === "asc") !== backwards;
  const condition = cursor
    ? ascending
      ? sql`(${columns.submittedAt}, ${columns.id}) > (${cursor.submittedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
      : sql`(${columns.submittedAt}, ${columns.id}) < (${cursor.submittedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  return { condition, order: ascending ? [asc(columns.submittedAt), asc(columns.id)] : [desc(columns.submittedAt), desc(columns.id)] };
}

/** Cuts the fetched rows (limit + 1) to a page and says where the neighbouring pages start. */
export function keysetPage<R extends { submittedAt: Date | null; id: string }>(rows: R[], limit: number, cursor: KeysetCursor | undefined): { rows: R[]; nextCursor: KeysetCursor | null; previousCursor: KeysetCursor | null } {
  const backwards = cursor?.direction === "before";
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const at = (row: R | undefined, direction: KeysetCursor["direction"]) => (row?.submittedAt ? { submittedAt: row.submittedAt, id: row.id, direction } : null);
  // Forwards, rows lie before the page whenever a cursor brought us here; backwards, rows lie after it.
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : cursor !== undefined;
  return { rows: page, nextCursor: hasNext ? at(page.at(-1), "after") : null, previousCursor: hasPrevious ? at(page.at(0), "before") : null };
}

/**
 * The fields every review queue's URL carries besides its filters: the search term (a term that cannot be stored is
 * refused, not dropped, so the clerk never sees an unfiltered list), the order, the keyset position and the page size.
 */
export const queueListFields = {
  q: searchText({ label: "検索語", max: 100 }),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  // "a…" continues after a row (次へ), "b…" goes back before one (前へ).
  cursor: cursorParam,
  limit: z.coerce.number().int().pipe(z.union([z.literal(50), z.literal(100), z.literal(200)])).default(50).catch(50),
};
