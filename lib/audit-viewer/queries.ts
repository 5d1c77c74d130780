import "server-only";
import { and, asc, desc, eq, gt, gte, ilike, inArray, like, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditLog, type ActorType } from "@/db/schema/audit";
import { departments } from "@/db/schema/departments";
import { staff } from "@/db/schema/staff";
import type { AuditFilters, AuditSearchParams, AuditSort } from "./validations";
import { escapeLike } from "@/lib/validation/text";

export type AuditListRow = {
  id: number;
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  departmentId: string | null;
  departmentName: string | null;
  requestId: string | null;
  hasChanges: boolean;
};

export type AuditDetail = Omit<AuditListRow, "hasChanges"> & { before: unknown; after: unknown };

/** Midnight at the start of a Japan-time calendar day. */
export function jstDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

function jstNextDayStart(day: string): Date {
  return new Date(jstDayStart(day).getTime() + 24 * 60 * 60 * 1000);
}

/** The WHERE clause shared by the search screen and the CSV export. */
export function auditFilterCondition(db: Executor, filters: AuditFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.actor) {
    const pattern = `%${escapeLike(filters.actor)}%`;
    // Staff are recorded by id and display name at the time; match today's login id and name as well.
    const staffIds = db
      .select({ id: sql<string>`${staff.id}::text` })
      .from(staff)
      .where(or(ilike(staff.loginId, pattern), ilike(staff.displayName, pattern)));
    conditions.push(or(eq(auditLog.actorId, filters.actor), ilike(auditLog.actorLabel, pattern), inArray(auditLog.actorId, staffIds)));
  }
  if (filters.action) {
    conditions.push(or(eq(auditLog.action, filters.action), like(auditLog.action, `${escapeLike(filters.action)}.%`)));
  }
  if (filters.entity) conditions.push(eq(auditLog.entity, filters.entity));
  if (filters.entityId) conditions.push(eq(auditLog.entityId, filters.entityId));
  if (filters.departmentId) conditions.push(eq(auditLog.departmentId, filters.departmentId));
  if (filters.from) conditions.push(gte(auditLog.at, jstDayStart(filters.from)));
  if (filters.to) conditions.push(lt(auditLog.at, jstNextDayStart(filters.to)));
  return and(...conditions);
}

const SORT_COLUMNS = {
  at: auditLog.at,
  action: auditLog.action,
  entity: auditLog.entity,
  actor: auditLog.actorLabel,
} satisfies Record<AuditSort, unknown>;

const listColumns = {
  id: auditLog.id,
  at: auditLog.at,
  actorType: auditLog.actorType,
  actorId: auditLog.actorId,
  actorLabel: auditLog.actorLabel,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  departmentId: auditLog.departmentId,
  departmentName: departments.name,
  requestId: auditLog.requestId,
};

/** One page of audit entries, filtered, sorted and paged in the database, with the total for the pager. */
export async function getAuditEntries(
  db: Executor,
  params: AuditSearchParams,
): Promise<{ rows: AuditListRow[]; total: number }> {
  const where = auditFilterCondition(db, params);
  const direction = params.dir === "asc" ? asc : desc;
  const [rows, [count]] = await Promise.all([
    db
      .select({ ...listColumns, hasChanges: sql<boolean>`(${auditLog.before} is not null or ${auditLog.after} is not null)` })
      .from(auditLog)
      .leftJoin(departments, eq(departments.id, auditLog.departmentId))
      .where(where)
      .orderBy(direction(SORT_COLUMNS[params.sort]), direction(auditLog.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

export async function getAuditEntryById(db: Executor, { entryId }: { entryId: number }): Promise<AuditDetail | null> {
  const [row] = await db
    .select({ ...listColumns, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .leftJoin(departments, eq(departments.id, auditLog.departmentId))
    .where(eq(auditLog.id, entryId))
    .limit(1);
  return row ?? null;
}

/** The newest entry id and how many entries match: an export covers exactly these, whatever is written meanwhile. */
export async function getAuditExportScope(db: Executor, filters: AuditFilters): Promise<{ upToId: number; rows: number }> {
  const [latest] = await db.select({ id: sql<number | null>`max(${auditLog.id})` }).from(auditLog);
  const upToId = Number(latest?.id ?? 0);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(auditFilterCondition(db, filters), lte(auditLog.id, upToId)));
  return { upToId, rows: count?.n ?? 0 };
}

/**
 * One chunk of the export in recording order, continuing after `cursor` (an entry id; keyset paging, so each
 * chunk costs the same however deep the export goes).
 */
export async function getAuditExportChunk(
  db: Executor,
  input: { filters: AuditFilters; dir: "asc" | "desc"; upToId: number; cursor: number | null; limit: number },
): Promise<AuditDetail[]> {
  const after =
    input.cursor === null ? undefined : input.dir === "asc" ? gt(auditLog.id, input.cursor) : lt(auditLog.id, input.cursor);
  return db
    .select({ ...listColumns, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .leftJoin(departments, eq(departments.id, auditLog.departmentId))
    .where(and(auditFilterCondition(db, input.filters), lte(auditLog.id, input.upToId), after))
    .orderBy(input.dir === "asc" ? asc(auditLog.id) : desc(auditLog.id))
    .limit(input.limit);
}
