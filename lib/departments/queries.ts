import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db";
import { departments } from "@/db/schema/departments";

export async function getDepartments(db: Executor, { includeInactive = false }: { includeInactive?: boolean } = {}) {
  const rows = await db.select().from(departments).orderBy(asc(departments.code));
  return includeInactive ? rows : rows.filter((row) => row.active);
}

export async function getDepartmentById(db: Executor, { departmentId }: { departmentId: string }) {
  const [row] = await db.select().from(departments).where(eq(departments.id, departmentId)).limit(1);
  return row ?? null;
}

export async function getDepartmentsByIds(db: Executor, { departmentIds }: { departmentIds: string[] }) {
  if (departmentIds.length === 0) return [];
  return db.select().from(departments).where(inArray(departments.id, departmentIds)).orderBy(asc(departments.code));
}
