import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { departments } from "@/db/schema/departments";

export const DEPARTMENT_SORTS = ["code", "name", "site"] as const;
export type DepartmentSort = (typeof DEPARTMENT_SORTS)[number];

export async function getDepartments(
  db: Executor,
  { includeInactive = false, sort = "code", dir = "asc" }: { includeInactive?: boolean; sort?: DepartmentSort; dir?: "asc" | "desc" } = {},
) {
  const column = { code: departments.code, name: departments.name, site: departments.site }[sort];
  const rows = await db
    .select()
    .from(departments)
    .where(includeInactive ? undefined : eq(departments.active, true))
    .orderBy(dir === "desc" ? sql`${column} desc` : asc(column), asc(departments.code));
  return rows;
}

export async function getDepartmentById(db: Executor, { departmentId }: { departmentId: string }) {
  const [row] = await db.select().from(departments).where(eq(departments.id, departmentId)).limit(1);
  return row ?? null;
}

export async function getDepartmentsByIds(db: Executor, { departmentIds }: { departmentIds: string[] }) {
  if (departmentIds.length === 0) return [];
  return db.select().from(departments).where(inArray(departments.id, departmentIds)).orderBy(asc(departments.code));
}
